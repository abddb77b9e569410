# The administration's private mirror of the public registry.
trusted_registries = ["tf.mirror.example.gouv.fr"]
