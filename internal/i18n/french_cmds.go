package i18n

// frenchCmds translates englishCmds.
var frenchCmds = map[string]string{
	"cli.keygen.private":        "%s.key écrit (privée : gardez-la secrète, signez avec « trustcloud check --evidence DIR --sign %[1]s.key »)",
	"cli.keygen.public":         "%s.pub écrit (publique : donnez-la aux vérificateurs, « trustcloud verify --pubkey %[1]s.pub DIR »)",
	"cli.keygen.key":            "clé %s",
	"cli.sign_needs_evidence":   "check : --sign signe un dossier de preuves : donnez aussi --evidence DIR",
	"cli.keygen.argument":       "keygen : argument inattendu %q : nommez les fichiers de clé avec --out PRÉFIXE",
	"cli.keygen.out":            "keygen : --out attend un préfixe de nom de fichier",
	"cli.verify.format":         "verify : format %q inconnu : utilisez text ou json",
	"cli.verify.missing_dir":    "verify : DIR manquant : donnez le répertoire du dossier de preuves",
	"cli.verify.one_dir":        "verify : un seul DIR attendu, %d donnés",
	"cli.policy.exists":         "%s : existe déjà : choisissez un autre fichier ou passez --force pour l'écraser",
	"cli.policy.wrote":          "%s écrit (profil %s) : modifiez-le, puis vérifiez-le avec « trustcloud policy validate %s »",
	"cli.policy.valid":          "%s est valide : profil %s, %d niveaux, %d dérogations, niveau par défaut %s",
	"cli.policy.waiver_expired": "la dérogation %s a expiré le %s : ses constats sont de nouveau signalés, avec TC007",
	"cli.policy.waiver_expires": "la dérogation %s expire le %s, dans %d jours",
}
