package i18n

// frenchWaivers translates englishWaivers.
var frenchWaivers = map[string]string{
	"waiver.detail.remote":      "le commentaire est dans le module %s, installé d'ailleurs : seuls les fichiers propres à la configuration peuvent accorder une dérogation",
	"waiver.detail.unattached":  "le commentaire n'est pas juste au-dessus d'un bloc de ressource (seules des lignes de commentaire peuvent les séparer) : il ne couvre rien",
	"waiver.detail.not_allowed": "la politique n'autorise pas les dérogations en ligne (allow_inline_waivers = false) : le constat est maintenu",
	"waiver.detail.invalid":     "%s",
	"waiver.detail.expired":     "expirée le %s",
	"waiver.refused.inline":     "la dérogation en ligne en %s est %s : %s",
	"waiver.refused.inline_new": "la dérogation en ligne en %s couvre des ressources qui existent déjà ; ce changement crée %s (une dérogation en ligne ne couvre jamais une ressource nouvelle : seul le covers_new du fichier de politique le fait) : le constat est maintenu",
	"waiver.refused.new":        "la dérogation %s couvre des ressources qui existent déjà ; ce changement crée %s (la dérogation ne dit pas covers_new = true) : le constat est maintenu",
	"waiver.status.in_force":    "en vigueur",
	"waiver.status.expired":     "expirée",
	"waiver.status.not_allowed": "non autorisée",
	"waiver.status.invalid":     "invalide",
	"waiver.status.unattached":  "détachée",
	"waiver.status.remote":      "distante",
	"progress.reading_pct":      "trustcloud : %s : lecture %3d %% (%d/%d Mo) %s s",
	"progress.reading":          "trustcloud : %s : lecture (%d Mo) %s s",
	"progress.phase":            "trustcloud : %s : %s… %s s",
	"finding.decision":          " (décision ANSSI %s)",
	"progress.resolving":        "résolution de %d ressources",
}
