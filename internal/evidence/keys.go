package evidence

import (
	"crypto/ed25519"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"encoding/pem"
	"os"
	"strings"

	"github.com/trustcloud/trustcloud/internal/i18n"
)

// Keys are ed25519 keys in the PEM encodings OpenSSL reads and writes: the
// private key as PKCS #8 ("PRIVATE KEY"), the public key as PKIX ("PUBLIC
// KEY"). `openssl genpkey -algorithm ed25519` makes a private key trustcloud
// accepts, and `openssl pkey -in KEY -pubout` its public key.

const (
	pemPrivate = "PRIVATE KEY"
	pemPublic  = "PUBLIC KEY"
)

// GenerateKey makes a new ed25519 key pair.
func GenerateKey() (ed25519.PublicKey, ed25519.PrivateKey, error) {
	return ed25519.GenerateKey(rand.Reader)
}

// MarshalPrivateKey encodes a private key as PEM (PKCS #8).
func MarshalPrivateKey(k ed25519.PrivateKey) ([]byte, error) {
	der, err := x509.MarshalPKCS8PrivateKey(k)
	if err != nil {
		return nil, err
	}
	return pem.EncodeToMemory(&pem.Block{Type: pemPrivate, Bytes: der}), nil
}

// MarshalPublicKey encodes a public key as PEM (PKIX).
func MarshalPublicKey(k ed25519.PublicKey) ([]byte, error) {
	der, err := x509.MarshalPKIXPublicKey(k)
	if err != nil {
		return nil, err
	}
	return pem.EncodeToMemory(&pem.Block{Type: pemPublic, Bytes: der}), nil
}

// ParsePrivateKey decodes a PEM ed25519 private key; name is the file,
// for messages.
func ParsePrivateKey(name string, data []byte) (ed25519.PrivateKey, error) {
	block, _ := pem.Decode(data)
	switch {
	case block == nil:
		return nil, i18n.Errorf("evidence.key.private_not_pem", name)
	case block.Type == pemPublic:
		return nil, i18n.Errorf("evidence.key.is_public", name)
	case block.Type != pemPrivate:
		return nil, i18n.Errorf("evidence.key.private_block", name, block.Type)
	}
	k, err := x509.ParsePKCS8PrivateKey(block.Bytes)
	if err != nil {
		return nil, i18n.Errorf("evidence.key.not_pkcs8", name, err)
	}
	priv, ok := k.(ed25519.PrivateKey)
	if !ok {
		return nil, i18n.Errorf("evidence.key.private_type", name, k)
	}
	return priv, nil
}

// ParsePublicKey decodes a PEM ed25519 public key; name is the file, for
// messages.
func ParsePublicKey(name string, data []byte) (ed25519.PublicKey, error) {
	block, _ := pem.Decode(data)
	switch {
	case block == nil:
		return nil, i18n.Errorf("evidence.key.public_not_pem", name)
	case block.Type == pemPrivate:
		return nil, i18n.Errorf("evidence.key.is_private", name)
	case block.Type != pemPublic:
		return nil, i18n.Errorf("evidence.key.public_block", name, block.Type)
	}
	k, err := x509.ParsePKIXPublicKey(block.Bytes)
	if err != nil {
		return nil, i18n.Errorf("evidence.key.not_pkix", name, err)
	}
	pub, ok := k.(ed25519.PublicKey)
	if !ok {
		return nil, i18n.Errorf("evidence.key.public_type", name, k)
	}
	return pub, nil
}

// ReadPrivateKey reads a private key file.
func ReadPrivateKey(path string) (ed25519.PrivateKey, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, i18n.Errorf("evidence.key.cannot_read_private", path, unwrap(err))
	}
	return ParsePrivateKey(path, data)
}

// ReadPublicKey reads a public key file.
func ReadPublicKey(path string) (ed25519.PublicKey, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, i18n.Errorf("evidence.key.cannot_read_public", path, unwrap(err))
	}
	return ParsePublicKey(path, data)
}

// KeyID names a public key: "SHA256:" and the hex SHA-256 of its PKIX DER
// encoding, which `openssl pkey -pubin -in KEY.pub -outform DER | sha256sum`
// prints too.
func KeyID(k ed25519.PublicKey) string {
	der, err := x509.MarshalPKIXPublicKey(k)
	if err != nil {
		// An ed25519.PublicKey of the wrong length: name its bytes.
		der = k
	}
	sum := sha256.Sum256(der)
	return "SHA256:" + hex.EncodeToString(sum[:])
}

// WriteKeyPair writes PREFIX.key (the private key, mode 0600) and
// PREFIX.pub (the public key, mode 0644). It refuses to overwrite either
// file unless force is set.
func WriteKeyPair(prefix string, force bool) (ed25519.PublicKey, error) {
	pub, priv, err := GenerateKey()
	if err != nil {
		return nil, err
	}
	privPEM, err := MarshalPrivateKey(priv)
	if err != nil {
		return nil, err
	}
	pubPEM, err := MarshalPublicKey(pub)
	if err != nil {
		return nil, err
	}
	keyFile, pubFile := prefix+".key", prefix+".pub"
	if !force {
		for _, f := range []string{keyFile, pubFile} {
			if _, err := os.Lstat(f); err == nil {
				return nil, i18n.Errorf("evidence.key.exists", f)
			}
		}
	}
	if err := writeFileAtomic(keyFile, privPEM, 0o600); err != nil {
		return nil, err
	}
	if err := writeFileAtomic(pubFile, pubPEM, 0o644); err != nil {
		return nil, err
	}
	return pub, nil
}

// encodeSignature writes a signature as the .sig file holds it: standard
// base64 and a newline.
func encodeSignature(sig []byte) []byte {
	return []byte(base64.StdEncoding.EncodeToString(sig) + "\n")
}

// decodeSignature reads a .sig file.
func decodeSignature(data []byte) ([]byte, error) {
	sig, err := base64.StdEncoding.DecodeString(strings.TrimSpace(string(data)))
	if err != nil {
		return nil, i18n.Errorf("evidence.sig_not_base64")
	}
	if len(sig) != ed25519.SignatureSize {
		return nil, i18n.Errorf("evidence.sig_size", len(sig), ed25519.SignatureSize)
	}
	return sig, nil
}
