package i18n

// frenchPlan translates englishPlan.
var frenchPlan = map[string]string{
	"plan.cannot_read":         "impossible de lire le plan : %s",
	"plan.is_directory":        "impossible de lire le plan : c'est un répertoire",
	"plan.binary_on_stdin":     "c'est un fichier de plan binaire : passez-le par son chemin (trustcloud y lance `terraform show -json`) ou envoyez plutôt `terraform show -json plan` sur l'entrée standard",
	"plan.binary_no_terraform": "c'est un fichier de plan binaire et aucun terraform n'est dans le PATH pour le lire : lancez `terraform show -json %s > plan.json` et passez plan.json, ou donnez --terraform CHEMIN",
	"plan.empty":               "le fichier est vide : la sortie de `terraform show -json FICHIER_DE_PLAN` est attendue",
	"plan.not_object":          "ce n'est pas un plan Terraform : un objet JSON est attendu (la sortie de `terraform show -json FICHIER_DE_PLAN`)",
	"plan.no_format_version":   "absent : ce n'est pas la sortie de `terraform show -json FICHIER_DE_PLAN`",
	"plan.is_state":            "c'est un état Terraform (`terraform show -json` sans fichier de plan), pas un plan : lancez `terraform plan -out=plan.tfplan && terraform show -json plan.tfplan`",
	"plan.not_plan":            "ce n'est pas un plan Terraform : il n'a ni resource_changes, ni planned_values, ni configuration (la sortie de `terraform show -json FICHIER_DE_PLAN` les a)",
	"plan.format_version":      "version de format de plan %q non prise en charge : trustcloud lit les formats 0.1 à 1.x (Terraform 0.12 et suivants)",
	"plan.too_large":           "l'entrée dépasse la limite de %s (--max-input) : elle n'est pas lue plus loin",
	"plan.utf8_truncated":      "UTF-8 invalide : l'entrée s'arrête au milieu d'un caractère (tronquée ?)",
	"plan.utf16":               "le fichier est du texte UTF-16, pas UTF-8 (le `>` de PowerShell écrit de l'UTF-16) : écrivez-le avec `terraform show -json plan.tfplan | Out-File -Encoding utf8 plan.json`",
	"plan.nul":                 "octet NUL : un texte JSON n'en contient jamais ; ce sont des données binaires, ou le fichier a été endommagé",
	"state.no_version":         "absent : un fichier d'état (terraform.tfstate) a une version de format ; a-t-il été modifié à la main ?",
	"state.old_version":        "fichier d'état au format %d : trustcloud lit les versions 4 et suivantes (Terraform 0.12 et suivants) ; réécrivez-le avec un Terraform récent (`terraform state pull > terraform.tfstate`) et vérifiez ce fichier",
	"plan.utf8":                "UTF-8 invalide (octet %s) : `terraform show -json` écrit de l'UTF-8 ; ce fichier a été endommagé ou converti",
}
