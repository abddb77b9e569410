package i18n

// frenchCLI translates englishCLI.
var frenchCLI = map[string]string{
	"cli.usage_hint_command": "Lancez « trustcloud %s --help » pour l'aide.",
	"cli.flag_syntax":        "%s : option mal formée : %s",
	"cli.unknown_flag":       "%s : option --%s inconnue",
	"cli.did_you_mean":       " ; vouliez-vous dire %s ?",
	"cli.flag_needs_value":   "%s : --%s attend une valeur",
	"cli.flag_invalid":       "%s : valeur %q invalide pour --%s : %s",
	"cli.bool_invalid":       "utilisez true ou false",
	"cli.color_invalid":      "utilisez auto, always ou never",
	"cli.size_invalid":       "attendu : une taille comme 500MiB, 2GiB ou 1073741824 (octets), ou 0 pour aucune limite",
	"cli.formats_mixed":      "check : plusieurs formats écrivent sur la sortie standard (%s), ce qui les mélangerait : écrivez-les tous sauf un dans des fichiers avec --format F=CHEMIN",
	"cli.summary":            "%s ; rapports : %s",
	"cli.report_stdout":      "%s sur la sortie standard",
	"cli.report_file":        "%s dans %s",
	"cli.report_evidence":    "dossier de preuves dans %s",

	"help.usage":    "Utilisation :",
	"help.flags":    "Options :",
	"help.examples": "Exemples :",
	"help.default":  "(par défaut : %s)",
	"help.value":    "VALEUR",

	// Les tableaux d'options du README (make docs).
	"help.table_flag":    "option",
	"help.table_what":    "rôle",
	"help.table_default": "défaut",
	"help.table_every":   "Toutes les commandes les acceptent :",
	"help.table_none":    "Aucune option propre.",

	"flag.help":                     "affiche cette aide et s'arrête",
	"flag.lang":                     "la `LANGUE` des messages et des rapports destinés aux personnes : en ou fr (par défaut : LC_ALL, LC_MESSAGES ou LANG, sinon l'anglais)",
	"flag.policy":                   "lit la politique dans `FICHIER` (HCL) ; par défaut : le fichier nommé par TRUSTCLOUD_POLICY, sinon trustcloud.hcl ou .trustcloud.hcl dans le répertoire de configuration, sinon le profil intégré fr-cloud-au-centre",
	"flag.no_policy_discovery":      "ne cherche pas trustcloud.hcl ni .trustcloud.hcl dans le répertoire de configuration (--policy et TRUSTCLOUD_POLICY s'appliquent toujours)",
	"flag.catalog":                  "fusionne le catalogue `FICHIER` (JSON) avec le catalogue embarqué",
	"flag.terraform":                "le `CHEMIN` du terraform qui lit un fichier de plan binaire (par défaut : terraform pris dans le PATH)",
	"flag.max_input":                "lit au plus `TAILLE` de JSON de plan (fichier, entrée standard ou sortie de terraform show), comme 500MiB ; 0 pour aucune limite",
	"flag.config_dir":               "le `RÉP` de la configuration Terraform dont vient le plan, évaluée pour des valeurs exactes (par défaut : l'instantané d'un plan binaire, sinon le répertoire du fichier de plan ou le répertoire courant s'il contient des .tf)",
	"flag.no_config":                "juge sur le seul JSON du plan : les valeurs lues à travers des références sont déduites, et une valeur déduite ne satisfait jamais une exigence",
	"flag.var":                      "donne une variable racine, `NOM=TEXTE`, d'un répertoire de configuration vérifié sans plan, comme l'option var de Terraform (répétable ; avec --var-file, dans l'ordre donné, la dernière l'emportant sur terraform.tfvars, *.auto.tfvars et TF_VAR_NOM)",
	"flag.var_file":                 "lit des variables racine d'un répertoire de configuration vérifié sans plan dans un `FICHIER` .tfvars ou .tfvars.json, comme l'option var-file de Terraform (répétable)",
	"flag.workspace":                "le `NOM` de l'espace de travail où le plan a été fait, pour terraform.workspace (par défaut : TF_WORKSPACE, sinon ce qu'enregistre le plan binaire ou .terraform/environment)",
	"flag.color":                    "colore le rapport texte sur la sortie standard : `QUAND` vaut auto (sur un terminal), always ou never ; sans l'option, NO_COLOR défini donne never, et FORCE_COLOR ou CLICOLOR_FORCE défini (autre que 0) always",
	"flag.format_text_json":         "le `FORMAT` de sortie : text ou json",
	"flag.check.format":             "écrit un rapport en `F[=CHEMIN]` : au format F sur la sortie standard, ou dans le fichier CHEMIN, écrit atomiquement ; à répéter pour plusieurs rapports, un seul au plus sur la sortie standard (par défaut : text). Formats : %s",
	"flag.check.fail_on":            "la `GRAVITÉ` la plus basse qui fait échouer l'analyse (code 1) : info, low, medium, high, critical, ou none",
	"flag.check.baseline":           "accepte les constats de `FICHIER`, une sortie antérieure de check --format json : chacun en couvre un de même empreinte, de gravité égale ou inférieure, signalé comme existant et sans effet sur le code de sortie (les constats des ressources créées, remplacées ou importées sont toujours nouveaux)",
	"flag.check.new_only":           "les constats dont la ressource existait déjà et dont le plan laisse inchangés la localisation, les localisations des données, l'opérateur et le niveau sont existants et sans effet sur le code de sortie (les constats des ressources créées, remplacées ou importées sont toujours nouveaux)",
	"flag.check.evidence":           "écrit un dossier de preuves dans `RÉP` : inventaire, constats, résultats d'évaluation OSCAL, politique et catalogue utilisés, et un manifeste des empreintes SHA-256",
	"flag.check.sign":               "signe le manifeste du dossier de preuves avec la `CLÉ` privée ed25519 faite par trustcloud keygen",
	"flag.catalog.operator":         "seulement l'opérateur `ID` (offers, regions)",
	"flag.catalog.provider":         "seulement les régions ou les types de la `SOURCE` de fournisseur Terraform (regions, types)",
	"flag.catalog.type":             "seulement les types de ressources qui correspondent au `MOTIF`, les sources de données en data.TYPE (types)",
	"flag.catalog.scope":            "seulement les types de `PORTÉE` (types) : %s",
	"flag.catalog.country":          "seulement le code `PAYS` ISO 3166-1, comme FR (operators, regions)",
	"flag.catalog.status":           "seulement le `STATUT` SecNumCloud (offers) : %s",
	"flag.catalog.standing":         "seulement la `SITUATION` à ce jour (offers) : %s",
	"flag.catalog.expiring":         "seulement les offres qualifiées qui expirent dans la `DURÉE` à partir d'aujourd'hui (offers) : jours (90d), semaines (12w) ou durée Go (2160h)",
	"flag.catalog.eu_only":          "seulement les régions de l'UE (regions)",
	"flag.catalog.secnumcloud_only": "seulement les régions ou opérateurs qualifiés SecNumCloud (operators, regions)",
	"flag.policy_init.profile":      "le `PROFIL` intégré dont partir",
	"flag.policy_init.force":        "remplace un fichier existant",
	"flag.keygen.out":               "écrit la clé privée dans `PRÉFIXE`.key (mode 0600) et la clé publique dans PRÉFIXE.pub",
	"flag.keygen.force":             "remplace une paire de clés existante",
	"flag.verify.pubkey":            "vérifie la signature du manifeste avec la clé publique ed25519 `FICHIER`, faite par trustcloud keygen",
	"flag.verify.plan":              "vérifie que le dossier a été fait à partir du plan `FICHIER`",

	"help.check.usage":       "trustcloud check [options] PLAN",
	"help.check.description": "Analyse un plan Terraform selon la politique : où vit chaque ressource, qui l'opère, quelle est la sensibilité de ses données, et ce qu'en dit la doctrine « cloud de confiance ». PLAN est un fichier de plan binaire (terraform plan -out), la sortie de terraform show -json, ou - pour l'entrée standard. PLAN peut aussi être un répertoire de configuration (trustcloud check .) : il est alors vérifié sans plan, hors ligne, depuis ses fichiers .tf, ses modules et ses variables (--var, --var-file, fichiers tfvars, TF_VAR_), et ce que seul un plan connaît est inconnu. Codes de sortie : 0 aucun constat de gravité --fail-on ou plus ; 1 de tels constats ; 2 erreur d'utilisation, d'entrée, de catalogue ou de politique. Quand aucun rapport destiné aux personnes (text, markdown, github) ne va sur la sortie standard, un verdict d'une ligne va sur la sortie d'erreur.",
	"help.check.examples": `trustcloud check plan.tfplan
trustcloud check --var-file prod.tfvars --format text --format sarif=trustcloud.sarif infra/
trustcloud check --fail-on medium --format gitlab=gl-code-quality.json plan.tfplan`,
	"help.inventory.usage":       "trustcloud inventory [options] PLAN",
	"help.inventory.description": "Liste chaque ressource d'un plan Terraform avec l'endroit où elle vit (région, pays, statut), son opérateur, son niveau de sensibilité, où vont ses données, et la preuve de chacun, sans la juger. PLAN est comme pour check.",
	"help.inventory.examples": `trustcloud inventory plan.tfplan
trustcloud inventory infra/
trustcloud inventory --format json plan.json | jq '.resources[] | {address, location}'`,
	"help.catalog.usage":       "trustcloud catalog providers|offers|regions|operators|types [options]",
	"help.catalog.description": "Liste ce que sait le catalogue : les fournisseurs Terraform et où ils lisent les localisations (providers), les opérateurs (operators), leurs offres et qualifications SecNumCloud (offers), leurs régions (regions), et les portées et flux de données des types de ressources (types). Chaque liste lit les filtres qui la concernent.",
	"help.catalog.examples": `trustcloud catalog regions --country FR --secnumcloud-only
trustcloud catalog offers --expiring 90d
trustcloud catalog types --provider hashicorp/aws --type 'aws_s3_*' --format json`,
	"help.policy.usage":       "trustcloud policy init|validate [options] [FICHIER]",
	"help.policy.description": "Écrit un fichier de politique de départ (policy init) ou en vérifie un (policy validate) : ses niveaux, sa classification et ses dérogations, et celles qui ont expiré ou expirent dans les 30 jours. FICHIER vaut trustcloud.hcl par défaut. Lancez trustcloud policy init --help ou trustcloud policy validate --help pour leurs options.",
	"help.policy.examples": `trustcloud policy init
trustcloud policy validate trustcloud.hcl`,
	"help.policy_init.usage":       "trustcloud policy init [options] [FICHIER]",
	"help.policy_init.description": "Écrit un fichier de politique (trustcloud.hcl par défaut) à partir d'un profil intégré, chaque réglage commenté, à modifier puis à vérifier avec trustcloud policy validate.",
	"help.policy_init.examples": `trustcloud policy init
trustcloud policy init --profile fr-cloud-au-centre --force policies/trustcloud.hcl`,
	"help.policy_validate.usage":       "trustcloud policy validate [options] [FICHIER]",
	"help.policy_validate.description": "Vérifie un fichier de politique (trustcloud.hcl par défaut) : les erreurs sont signalées à leur fichier, ligne et colonne, avec le code 2 ; une politique valide est résumée, avec les dérogations qui ont expiré ou expirent dans les 30 jours.",
	"help.policy_validate.examples": `trustcloud policy validate
trustcloud policy validate policies/trustcloud.hcl`,
	"help.keygen.usage":       "trustcloud keygen [options]",
	"help.keygen.description": "Fait une paire de clés ed25519 pour signer les dossiers de preuves : PRÉFIXE.key, la clé privée (mode 0600), pour check --sign, et PRÉFIXE.pub, la clé publique, pour verify --pubkey. Ce sont deux fichiers PEM.",
	"help.keygen.examples": `trustcloud keygen --out ci-signer
trustcloud keygen --out ci-signer --force`,
	"help.verify.usage":       "trustcloud verify [options] RÉP",
	"help.verify.description": "Vérifie un dossier de preuves écrit par check --evidence RÉP : chaque fichier selon les empreintes SHA-256 du manifeste, la signature avec --pubkey, le plan avec --plan. Chaque différence est listée. Codes de sortie : 0 le dossier est intact ; 1 il ne l'est pas ; 2 erreur d'utilisation.",
	"help.verify.examples": `trustcloud verify evidence/
trustcloud verify --pubkey ci-signer.pub --plan plan.json evidence/`,
	"help.version.usage":       "trustcloud version",
	"help.version.description": "Affiche la version de trustcloud.",
	"help.version.examples":    `trustcloud version`,
}
