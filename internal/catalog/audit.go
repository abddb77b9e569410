package catalog

// The audit of December 2026 (shared reference catalog-audit-2026-12.md,
// dated 2026-12-03) checked the previous embedded catalog fact by fact
// against the ANSSI catalogue, the press and public code. AuditRows says,
// row by row, what this catalog did with every finding that was not a plain
// confirmation. audit_test.go checks each applied or partly applied row
// against the embedded catalog, and the catalog guide renders the table.

// AuditDate is the date of the audit the rows answer.
const AuditDate = "2026-12-03"

// AuditVerdict is the class the audit gave a catalog fact.
type AuditVerdict string

// Audit verdicts.
const (
	// AuditConfirmed: a source says the same. Listed only when the catalog
	// deliberately departs from the audit's reading.
	AuditConfirmed AuditVerdict = "CONFIRMED"
	// AuditContradicted: a source said otherwise before the audited
	// catalog's as_of date.
	AuditContradicted AuditVerdict = "CONTRADICTED"
	// AuditStale: true at the audited catalog's as_of date, changed since.
	AuditStale AuditVerdict = "STALE"
	// AuditUnverified: no source either way.
	AuditUnverified AuditVerdict = "UNVERIFIED"
	// AuditMissing: an offer, date, milestone, region or mapping the
	// audited catalog lacked.
	AuditMissing AuditVerdict = "MISSING"
)

// Resolution is what the catalog did with an audit row.
//
// For a CONTRADICTED, STALE or MISSING row, applied means the catalog now
// records the fact the audit gives; partly applied, that it records some
// of it (the note says what is left and why); not applied, that it records
// none of it (the note says why).
//
// For an UNVERIFIED row, applied means the catalog marks the fact as
// unverified where it is recorded (the entry's unverified flag, or a note
// or an empty field where the fact has no flag of its own) and no verdict
// rests on the fact alone; partly applied means it is marked in a note only
// although the entry has a flag, or a verdict still rests on it.
//
// For a CONFIRMED row listed here, the catalog departs from what the audit
// suggests, and the note says how and why.
type Resolution string

// Resolutions.
const (
	ResolutionApplied       Resolution = "applied"
	ResolutionPartlyApplied Resolution = "partly applied"
	ResolutionNotApplied    Resolution = "not applied"
)

// AuditRow is one row of the audit's fact-by-fact table and what the
// catalog made of it.
type AuditRow struct {
	// ID is the audit's row id (B26, C12, G5 …).
	ID      string
	Verdict AuditVerdict
	// Subject names the audited fact, in a few words.
	Subject    string
	Resolution Resolution
	// Note says what the catalog now records or why it does not.
	Note string
}

// AuditRows lists every row of the audit whose verdict is CONTRADICTED,
// STALE, UNVERIFIED or MISSING, and the CONFIRMED rows the catalog departs
// from, in the audit's order.
var AuditRows = []AuditRow{
	{
		ID: "B1", Verdict: AuditStale, Resolution: ResolutionApplied,
		Subject: "Outscale IaaS Cloud on Demand: the qualification ended on 2026-11-30",
		Note: "outscale-iaas-secnumcloud: qualified 2023-11-30 → 2026-11-30, decision 2118, ANSSI edition 2026-09-15. " +
			"No renewal is recorded, so on the catalog's as_of date (2026-12-03) the offer stands expired (TC009) " +
			"and outscale/cloudgouv-eu-west-1 is no longer a qualified region. A renewal, once published, goes in a catalog file.",
	},
	{
		ID: "B2", Verdict: AuditMissing, Resolution: ResolutionApplied,
		Subject: "Outscale: qualification dates and ANSSI decision",
		Note:    "outscale-iaas-secnumcloud: qualified_on 2023-11-30, expires_on 2026-11-30, decision 2118; B1 gives the verdict this moves.",
	},
	{
		ID: "B3", Verdict: AuditUnverified, Resolution: ResolutionApplied,
		Subject: "Outscale: first qualified in 2019",
		Note: "Not recorded as a fact: qualified_on holds the start of the current ANSSI window (2023-11-30); " +
			"the offer's note calls the 2019 qualification secondary (s53). No verdict uses it.",
	},
	{
		ID: "B5", Verdict: AuditUnverified, Resolution: ResolutionPartlyApplied,
		Subject: "Outscale eu-west-2 outside the SecNumCloud perimeter",
		Note: "outscale-public (status none) still covers eu-west-2; the offer's note says the exclusion is plausible but unverified, " +
			"the offer's unverified flag is not set. Effect: a resource in eu-west-2 fails a SecNumCloud requirement (TC002), " +
			"as it would with an unknown status; only the wording of the finding rests on the claim.",
	},
	{
		ID: "B8", Verdict: AuditUnverified, Resolution: ResolutionApplied,
		Subject: "OVH Hosted Private Cloud: SecNumCloud version",
		Note:    "ovhcloud-hpc-secnumcloud records no version; its note gives 3.1 as a secondary, unverified reading. The version enters no verdict.",
	},
	{
		ID: "B11", Verdict: AuditContradicted, Resolution: ResolutionApplied,
		Subject: "OVH SNC Cloud Platform recorded in progress although qualified",
		Note: "ovhcloud-secnumcloud-platform: qualified 2026-07-31 → 2029-07-31, decision 3393, on regions eu-west-rbx-snc and eu-west-sbg-snc; " +
			"its perimeter is narrowed to instance, block storage, object storage and network resource types (managed Kubernetes is left out).",
	},
	{
		ID: "B14", Verdict: AuditUnverified, Resolution: ResolutionApplied,
		Subject: "Cloud Temple IaaS: first qualified in 2022",
		Note: "cloudtemple-iaas-vmware carries the ANSSI record (decision 3389 of 2026-07-31, valid to 2028-05-30); " +
			"the 2022 date appears only in its note, as secondary (s55). No verdict uses it.",
	},
	{
		ID: "B17", Verdict: AuditContradicted, Resolution: ResolutionApplied,
		Subject: "Cloud Temple LLMaaS recorded as a qualified offer",
		Note: "cloudtemple-llmaas: status none. FR1 stays a qualified region through cloudtemple-iaas-vmware: trustcloud judges by region, " +
			"so a resource in FR1 is covered by the qualified IaaS, not by an LLMaaS qualification.",
	},
	{
		ID: "B20", Verdict: AuditMissing, Resolution: ResolutionApplied,
		Subject: "S3NS PREMI3NS: expiry date",
		Note:    "s3ns-premi3ns: expires_on 2028-12-17, copied from ANSSI rather than derived (with qualified_on 2025-12-17, decision 2057).",
	},
	{
		ID: "B23", Verdict: AuditContradicted, Resolution: ResolutionApplied,
		Subject: "Bleu recorded at J0 although J1 was validated",
		Note:    "bleu-cloud-de-confiance: status J1, milestones J0 2025-04-17 and J1 2025-11-17; pending, not qualified.",
	},
	{
		ID: "B25", Verdict: AuditStale, Resolution: ResolutionApplied,
		Subject: "Bleu: qualification targeted for H1 2026",
		Note: "The offer's note says the H1 2026 target passed and that ANSSI still listed Bleu in progress in September 2026; " +
			"the status stays J1 (pending).",
	},
	{
		ID: "B26", Verdict: AuditContradicted, Resolution: ResolutionApplied,
		Subject: "NumSpot recorded at J1 although qualified",
		Note: "numspot-iaas-paas: qualified 2026-07-31 → 2029-07-31, decision 3395, model IaaS; its perimeter is limited to IaaS resource types " +
			"(numspot_vm, volumes, networks …): numspot_postgres_cluster and numspot_kubernetes_* are not covered.",
	},
	{
		ID: "B27", Verdict: AuditUnverified, Resolution: ResolutionPartlyApplied,
		Subject: "NumSpot: qualified perimeter is region cloudgouv-eu-west-1",
		Note: "numspot-iaas-paas covers cloudgouv-eu-west-1 only; its note calls that mapping an inference, not an ANSSI statement. " +
			"No flag marks it (the flag would make the whole confirmed qualification unconfirmed). " +
			"Effect: numspot/cloudgouv-eu-west-1 counts as qualified on that inference; numspot/eu-west-2 does not.",
	},
	{
		ID: "B30", Verdict: AuditConfirmed, Resolution: ResolutionPartlyApplied,
		Subject: "Oodrive: three qualified SaaS services",
		Note: "Split into oodrive-meet, oodrive-work and oodrive-work-share (replacing oodrive-secnumcloud), SaaS, valid to 2028-01-25. " +
			"The audit would drop the unverified flag; the catalog keeps it because no start date or decision was transcribed, " +
			"so each stands qualified (unconfirmed), which never satisfies a requirement. None covers a region code.",
	},
	{
		ID: "B31", Verdict: AuditConfirmed, Resolution: ResolutionPartlyApplied,
		Subject: "Whaller listed among the qualified providers",
		Note: "whaller-secnumcloud stays qualified and unverified: ANSSI's list names the provider, but no service, dates or decision were transcribed " +
			"and the DONJON name is secondary. It stands qualified (unconfirmed) and never satisfies a requirement.",
	},
	{
		ID: "B32", Verdict: AuditConfirmed, Resolution: ResolutionPartlyApplied,
		Subject: "Worldline Secured IaaS qualified 2025-03-24 → 2028-03-31",
		Note: "worldline-secnumcloud: qualified_on 2025-03-24, expires_on 2028-03-31; kept unverified because no decision number was transcribed, " +
			"so it stands qualified (unconfirmed).",
	},
	{
		ID: "B33", Verdict: AuditContradicted, Resolution: ResolutionApplied,
		Subject: "Worldline: service model",
		Note:    "worldline-secnumcloud: model IaaS, named Secured IaaS (was IaaS/PaaS).",
	},
	{
		ID: "B35", Verdict: AuditContradicted, Resolution: ResolutionApplied,
		Subject: "Docaposte offer recorded as qualified",
		Note: "docaposte-secnumcloud is gone; index_education-secnumcloud (operator index_education, the Docaposte subsidiary ANSSI lists) replaces it, " +
			"qualified but unverified (no dates or decision transcribed), so qualified (unconfirmed).",
	},
	{
		ID: "B36", Verdict: AuditContradicted, Resolution: ResolutionApplied,
		Subject: "Orange Business Cloud Avenue SecNum recorded in progress although qualified",
		Note: "orange_business-secnumcloud: qualified 2025-07-11 → 2028-07-11, decision 1147. " +
			"Cloud Avenue region codes were found in no source read, so no region or Terraform mapping leads to it.",
	},
	{
		ID: "C4", Verdict: AuditUnverified, Resolution: ResolutionApplied,
		Subject: "IBM and Oracle: US parents, exposed to US law",
		Note: "Operators ibm and oracle carry the unverified flag (US headquarters from general knowledge) and stay exposed (CLOUD Act, FISA 702). " +
			"The flag shows in the guide and the provider's data sources; it changes no verdict.",
	},
	{
		ID: "C7", Verdict: AuditContradicted, Resolution: ResolutionApplied,
		Subject: "S3NS: legal name of the holder",
		Note:    "Operator s3ns: legal_name Thales Cloud Sécurisé, the holder ANSSI lists; S3NS stays the operator's name (the brand).",
	},
	{
		ID: "C10", Verdict: AuditUnverified, Resolution: ResolutionApplied,
		Subject: "Outscale's US regions under the French company",
		Note: "us-east-2 and us-west-1 belong to operator outscale-us (brand outscale, US, exposed to US law), flagged unverified: " +
			"its legal name comes from a 2014 source (s83). Resources there are judged exposed; the flag itself changes no verdict.",
	},
	{
		ID: "C12", Verdict: AuditContradicted, Resolution: ResolutionApplied,
		Subject: "OpenStack auth.cloud.ovh.us mapped to the French OVH company",
		Note: "Operator ovhcloud-us (OVH US LLC, US, exposed, brand ovhcloud; legal name unverified) owns US-EAST-VA-1 and US-WEST-OR-1. " +
			"terraform-provider-openstack/openstack sends auth_url hosts under ovh.us or auth.us.ovhcloud.com to it, and ovh/ovh sends endpoint ovh-us to it.",
	},
	{
		ID: "C14", Verdict: AuditUnverified, Resolution: ResolutionPartlyApplied,
		Subject: "Cloud Temple: parent Neurones SA",
		Note: "The legal name and the note of operator cloudtemple say the parent comes from a secondary source, but its unverified flag is not set. " +
			"No verdict changes: its exposure (false) is also what the ANSSI qualification's ownership rules imply.",
	},
	{
		ID: "C15", Verdict: AuditUnverified, Resolution: ResolutionPartlyApplied,
		Subject: "Hetzner, IONOS, STACKIT, Exoscale: ownership and exposure",
		Note: "ionos, stackit and exoscale carry the unverified flag and exoscale's exposure is null (unknown); the US locations belong to " +
			"hetzner-us and ionos-us (US, exposed, unverified). Operator hetzner is not flagged although its ownership was not re-checked either. " +
			"The flags change no verdict.",
	},
	{
		ID: "E5", Verdict: AuditMissing, Resolution: ResolutionNotApplied,
		Subject: "Bleu: no detection rule on hashicorp/azurerm",
		Note: "No Bleu environment, metadata host or region code appears in any source read, so hashicorp/azurerm still maps every configuration " +
			"to azure and a Bleu deployment reads as Microsoft Azure (US, exposed). The Bleu offer covers no region.",
	},
	{
		ID: "G1", Verdict: AuditMissing, Resolution: ResolutionApplied,
		Subject: "Cloud Temple PaaS OpenShift",
		Note:    "cloudtemple-paas-openshift: qualified 2025-05-30 → 2028-05-30, decision 919, region FR1.",
	},
	{
		ID: "G2", Verdict: AuditMissing, Resolution: ResolutionApplied,
		Subject: "Index Éducation: hosting of its school software",
		Note: "Operator index_education and offer index_education-secnumcloud (SaaS), qualified but unverified: no dates or decision were transcribed, " +
			"so it stands qualified (unconfirmed). See B35.",
	},
	{
		ID: "G3", Verdict: AuditMissing, Resolution: ResolutionApplied,
		Subject: "Cloud Solutions (Wimi)",
		Note: "Operator cloud_solutions and offer cloud_solutions-wimi (SaaS), qualified but unverified: no dates or decision were transcribed, " +
			"so it stands qualified (unconfirmed).",
	},
	{
		ID: "G4", Verdict: AuditMissing, Resolution: ResolutionApplied,
		Subject: "ITS Integra: in qualification",
		Note:    "Operator its_integra and offer its_integra-secnumcloud: status J1, milestone J1 2025-12 (month only); pending, not qualified.",
	},
	{
		ID: "G5", Verdict: AuditMissing, Resolution: ResolutionPartlyApplied,
		Subject: "Qualification dates and ANSSI decisions of every qualified offer",
		Note: "Every end date the audit gives is recorded, with the decision where it was transcribed: Outscale 2026-11-30 (2118), OVH HPC 2026-12-29 (2279), " +
			"Bare Metal Pod 2028-03-24 (559), SNC Cloud Platform 2029-07-31 (3393), Cloud Temple IaaS 2028-05-30 (3389), Worldline 2028-03-31, " +
			"Oodrive 2028-01-25, Cegedim 2027-12-04 (1951), Orange 2028-07-11 (1147), NumSpot 2029-07-31 (3395), S3NS 2028-12-17 (2057). " +
			"Not known, so not recorded: Whaller, Wimi and Index Éducation dates and decisions, the Worldline decision, the Oodrive start dates and decisions; " +
			"those offers stay unverified, qualified (unconfirmed). Expiry now acts: Outscale is expired, OVH HPC expires within 60 days (TC010).",
	},
	{
		ID: "G6", Verdict: AuditMissing, Resolution: ResolutionPartlyApplied,
		Subject: "OVHcloud SecNumCloud region codes",
		Note: "eu-west-rbx-snc and eu-west-sbg-snc (named in OVHcloud's SNC Cloud Platform guide) are covered by ovhcloud-secnumcloud-platform. " +
			"eu-west-gra-snc is a catalog region but no qualified offer covers it: the Gravelines roadmap item is a plan, and the API list does not say which offer it serves. " +
			"The planned Berlin region has no code; Hosted Private Cloud (RBX, SBG) and Bare Metal Pod have no code a plan shows, so they cover no region.",
	},
	{
		ID: "G7", Verdict: AuditMissing, Resolution: ResolutionApplied,
		Subject: "Bleu: J1 milestone",
		Note:    "bleu-cloud-de-confiance: milestones.J1 = 2025-11-17. See B23.",
	},
	{
		ID: "G8", Verdict: AuditMissing, Resolution: ResolutionApplied,
		Subject: "Scaleway: J0 milestone",
		Note:    "scaleway-secnumcloud: status J0, milestones.J0 = 2025-01-08 (the announcement date); pending.",
	},
	{
		ID: "G9", Verdict: AuditMissing, Resolution: ResolutionApplied,
		Subject: "OVHcloud US, OVHcloud Local Zones and AWS isolated regions",
		Note: "US-EAST-VA-1 and US-WEST-OR-1 (with location codes us-east-vin, us-west-hil) belong to ovhcloud-us; the Local Zones are ovhcloud regions, " +
			"Zurich (CH) and Manchester (GB) outside the EU; AWS eu-isoe-west-1 (GB, inferred, unverified) and us-isof-south-1 (US) are aws regions.",
	},
	{
		ID: "G10", Verdict: AuditMissing, Resolution: ResolutionNotApplied,
		Subject: "The State's internal clouds (Andromède)",
		Note: "Not modelled: no operator, region or provider mapping for the interministerial clouds is known from the sources read. " +
			"The catalog's notes say so; a deployment there matches no catalog operator.",
	},
}
