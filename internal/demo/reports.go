package demo

import (
	"claimdesk/internal/auth"
	"claimdesk/internal/claims"
)

// The demo data retells two news reports published around 19 October 2023, in our own
// words: "US Military Bases Attacked", shown as the breaking-news aggregator, and one on
// the attacks in Syria and Iraq, shown as the regional news digest. Nothing a user sees
// says how the data was made (TestVisibleTextNeutral). Figures are as the reports give
// them; "a few" or "hundreds" are not numbers and stay empty. Publication dates are days
// only: the reports give no times, and where a source's own date is unclear it is the day
// the report relayed it.

const (
	aggregator = "Breaking-news aggregator"
	digest     = "Regional news digest"

	centcom     = "CENTCOM"
	ap          = "The Associated Press"
	politico    = "Politico"
	mayadeen    = "Al Mayadeen"
	sohr        = "Syrian Observatory for Human Rights"
	iri         = "Islamic Resistance in Iraq"
	waritheen   = "Tashkil al-Waritheen"
	kurdistanCT = "Kurdistan Region Counter-Terrorism Service"
	reuters     = "Reuters"
	kataib      = "Kataib Hezbollah"
)

var accounts = []account{
	{"admin@demo.test", "Dana Admin", auth.RoleAdmin},
	{"editor@demo.test", "Eli Editor", auth.RoleEditor},
	{"factchecker@demo.test", "Farah Factchecker", auth.RoleFactchecker},
	{"viewer@demo.test", "Vic Viewer", auth.RoleViewer},
}

var sources = []claims.Source{
	{Name: centcom, Kind: claims.KindOfficial, Homepage: "https://www.centcom.mil",
		Affiliation: "US Central Command, the US military's command for the Middle East."},
	{Name: ap, Kind: claims.KindWire, Homepage: "https://apnews.com",
		Affiliation: "US news agency."},
	{Name: politico, Kind: claims.KindOutlet, Homepage: "https://www.politico.com",
		Affiliation: "US news outlet covering politics and security."},
	{Name: mayadeen, Kind: claims.KindAffiliated, Homepage: "https://www.almayadeen.net",
		Affiliation: "Lebanese television channel linked to Hezbollah and close to Iran."},
	{Name: sohr, Kind: claims.KindMonitor, Homepage: "https://www.syriahr.com",
		Affiliation: "Monitor of the war in Syria that draws on a network of local activists."},
	{Name: iri, Kind: claims.KindArmedGroup,
		Affiliation: "Coalition of several Iran-backed armed groups in Iraq."},
	{Name: waritheen, Kind: claims.KindArmedGroup,
		Affiliation: "Iraqi armed faction; said it carried out the second drone attack of 18 October 2023."},
	{Name: kurdistanCT, Kind: claims.KindOfficial,
		Affiliation: "Counter-terrorism service of the autonomous Kurdistan Region of Iraq."},
	{Name: reuters, Kind: claims.KindWire, Homepage: "https://www.reuters.com",
		Affiliation: "International news agency."},
	{Name: kataib, Kind: claims.KindArmedGroup,
		Affiliation: "Iran-backed Iraqi armed group, also called the Hezbollah Brigades."},
	{Name: aggregator, Kind: claims.KindOutlet,
		Affiliation: "Online outlet publishing breaking news in a strongly opinionated voice. Relays other outlets and adds accounts of its own without naming who gave them."},
	{Name: digest, Kind: claims.KindOutlet,
		Affiliation: "News service covering the Middle East. Relays Al Mayadeen, CENTCOM and the Kurdistan counter-terrorism service, and notes where there is no official confirmation."},
}

var demoClaims = []claimSpec{
	{
		claim: claims.Claim{
			Title:         "Drone attack on the al-Tanf garrison in Syria",
			Summary:       "Drones hit the coalition garrison at al-Tanf, in Syria near the Iraqi and Jordanian borders, on Thursday 19 October 2023. A US official who was not named told the AP two drones came in: one was shot down, the other wounded a few personnel. Al Mayadeen counted three drones.",
			Place:         "al-Tanf garrison, near the borders with Iraq and Jordan",
			Country:       "Syria",
			OccurredOn:    day("2023-10-19"),
			DatePrecision: "day",
			AttackType:    "drone",
			Target:        "US-led coalition garrison",
		},
		cites: []citeSpec{
			{source: ap, stance: claims.StanceReports, published: "2023-10-19",
				attribution: "A US official, not named, speaking to the AP",
				quote:       "Coalition forces shot down one of the two drones; the second one wounded a few personnel.",
				figures:     figures{Weapon: "drone", Launched: n(2), Intercepted: n(1)}},
			{source: mayadeen, stance: claims.StanceReports, published: "2023-10-19",
				attribution: "The channel's own report, as relayed by the breaking-news aggregator and the regional news digest",
				quote:       "Three drones went for the al-Tanf base close to the Iraqi and Jordanian borders.",
				figures:     figures{Weapon: "drone", Launched: n(3)}},
		},
	},
	{
		claim: claims.Claim{
			Title:         "Attack on the Conoco gas field base in Deir ez-Zor",
			Summary:       "The coalition site at the Conoco gas field in Syria's Deir ez-Zor province was attacked on 19 October 2023. Politico's US sources speak of drones, Al Mayadeen of a missile. The Islamic Resistance in Iraq said it was behind the attack; nobody official has verified that.",
			Place:         "Conoco gas field base, Deir ez-Zor province",
			Country:       "Syria",
			OccurredOn:    day("2023-10-19"),
			DatePrecision: "day",
			AttackType:    "unknown",
			Target:        "US-led coalition base",
		},
		cites: []citeSpec{
			{source: politico, stance: claims.StanceReports, published: "2023-10-19",
				attribution: "A US official and a person who knew of the attack, speaking to Politico",
				quote:       "Besides al-Tanf, the drone attacks of Thursday also went for the Conoco site in Deir ez-Zor.",
				figures:     figures{Weapon: "drone"}},
			{source: mayadeen, stance: claims.StanceReports, published: "2023-10-19",
				attribution: "The channel's own report, as relayed by the regional news digest",
				quote:       "A missile hit the Conoco base in the Deir ez-Zor countryside; the channel said nothing more.",
				figures:     figures{Weapon: "missile"}},
			{source: iri, stance: claims.StanceClaimsResponsibility, published: "2023-10-19",
				attribution: "The group's statement, as relayed by the breaking-news aggregator",
				quote:       "The group said the strike on the Conoco gas field was its work. No official body has verified this."},
			{source: sohr, stance: claims.StanceReports, published: "2023-10-19",
				attribution: "SOHR, drawing on local activists, as relayed by the breaking-news aggregator",
				quote:       "Blasts were heard near the Conoco gas field, and military aircraft could be heard overhead for some time afterwards."},
		},
		verdict: claims.VerdictDisputed,
		reason:  "The sources disagree on the weapon: Politico's US sources describe drones, Al Mayadeen a missile. The Islamic Resistance in Iraq's claim is unverified and no official statement on this site has been cited. Disputed until an official account settles what hit the base.",
	},
	{
		claim: claims.Claim{
			Title:         "Drone attack on Ain al-Asad air base in Iraq",
			Summary:       "The Islamic Resistance in Iraq said it attacked the Ain al-Asad base in western Iraq with drones on Wednesday 18 October 2023, and warned of more attacks on US forces. No official source has been cited.",
			Place:         "Ain al-Asad air base, western Iraq",
			Country:       "Iraq",
			OccurredOn:    day("2023-10-18"),
			DatePrecision: "day",
			AttackType:    "drone",
			Target:        "Base hosting US and coalition forces",
		},
		cites: []citeSpec{
			{source: iri, stance: claims.StanceClaimsResponsibility, published: "2023-10-18",
				attribution: "The group's statement on social media, as relayed by the breaking-news aggregator and the regional news digest",
				quote:       "The coalition said it flew drones at al-Asad on Wednesday and called the attack a first step towards more operations against US forces.",
				figures:     figures{Weapon: "drone"}},
		},
	},
	{
		claim: claims.Claim{
			Title:         "Drone attack on Al Harir air base in Iraqi Kurdistan",
			Summary:       "Iran-aligned groups said the second of their two drone attacks on Wednesday 18 October 2023 was aimed at Al Harir, in the Kurdistan Region; Tashkil al-Waritheen said it was behind it. The region's counter-terrorism service confirmed an armed drone came down in a desert area without hurting anyone.",
			Place:         "Al Harir air base, Kurdistan Region",
			Country:       "Iraq",
			OccurredOn:    day("2023-10-18"),
			DatePrecision: "day",
			AttackType:    "drone",
			Target:        "Base hosting US and coalition forces",
		},
		cites: []citeSpec{
			{source: waritheen, stance: claims.StanceClaimsResponsibility, published: "2023-10-18",
				attribution: "The faction's statement, as relayed by the breaking-news aggregator; the regional news digest places the second attack at Al Harir",
				quote:       "The faction said the second of Wednesday's attacks was its own.",
				figures:     figures{Weapon: "drone"}},
			{source: kurdistanCT, stance: claims.StanceConfirms, published: "2023-10-19",
				attribution: "The service's statement, as relayed by the regional news digest",
				quote:       "An armed drone came down in a desert area; nobody was hurt.",
				figures:     figures{Weapon: "drone", Injured: n(0)}},
		},
	},
	{
		claim: claims.Claim{
			Title:         "CENTCOM: three drones countered near US and coalition forces in Iraq",
			Summary:       "US Central Command said that in the 24 hours up to its statement of Wednesday 18 October 2023 US forces defended against three drones near US and coalition troops in Iraq. It did not say who launched them. The attacks may overlap with those claimed on Ain al-Asad and Al Harir.",
			Place:         "Bases hosting US and coalition forces in Iraq",
			Country:       "Iraq",
			OccurredOn:    day("2023-10-18"),
			DatePrecision: "week",
			AttackType:    "drone",
			Target:        "US and coalition forces",
		},
		cites: []citeSpec{
			{source: centcom, stance: claims.StanceConfirms, published: "2023-10-18",
				attribution: "CENTCOM press release, quoted by the regional news digest",
				quote:       "Within a day US forces defended against three drones near US and coalition troops in Iraq; the command named nobody as responsible.",
				figures:     figures{Weapon: "drone", Launched: n(3)}},
			{source: aggregator, stance: claims.StanceReports, published: "2023-10-19",
				attribution: "The aggregator's account of what CENTCOM confirmed",
				quote:       "Iran-backed militias tried to hit US and coalition troops; some of the drones were stopped, and one left troops with minor injuries.",
				figures:     figures{Weapon: "drone"}},
		},
		verdict: claims.VerdictConfirmed,
		reason:  "CENTCOM, the US command for the region, stated on the record that its forces defended against three drones in Iraq within 24 hours. Who launched them, and the injuries the breaking-news aggregator mentions, are not established.",
	},
	{
		claim: claims.Claim{
			Title:         "Earlier attempted drone attack on the al-Tanf garrison",
			Summary:       "Before the attacks of Thursday 19 October 2023, Iran-backed militias are said to have tried to strike coalition forces at al-Tanf: two drones were brought down and a third hit the base, causing material damage. The breaking-news aggregator gives this without a date or a named source.",
			Place:         "al-Tanf garrison, near the borders with Iraq and Jordan",
			Country:       "Syria",
			OccurredOn:    day("2023-10-18"),
			DatePrecision: "week",
			AttackType:    "drone",
			Target:        "US-led coalition garrison",
		},
		cites: []citeSpec{
			{source: aggregator, stance: claims.StanceReports, published: "2023-10-19",
				attribution: "The aggregator's own account; it names no source",
				quote:       "Coalition forces downed two drones, but one more got through and damaged the base.",
				figures:     figures{Weapon: "drone", Launched: n(3), Intercepted: n(2)}},
		},
	},
	{
		claim: claims.Claim{
			Title:         "Strike on a hospital in Gaza",
			Summary:       "A hospital in Gaza was hit on Tuesday 17 October 2023 and hundreds were killed, the regional news digest says in passing, without saying how or by whom. Iran-aligned Iraqi groups, Kataib Hezbollah among them, blamed Israel and the United States.",
			Place:         "Gaza Strip",
			Country:       "Palestinian territories",
			OccurredOn:    day("2023-10-17"),
			DatePrecision: "day",
			AttackType:    "unknown",
			Target:        "Hospital",
		},
		cites: []citeSpec{
			{source: digest, stance: claims.StanceReports, published: "2023-10-19",
				attribution: "The digest, mentioning it as background",
				quote:       "The drone attacks came the day after a hospital in Gaza was struck and hundreds died."},
			{source: kataib, stance: claims.StanceReports, published: "2023-10-17",
				attribution: "Statements by Iran-aligned Iraqi groups on Tuesday night, as relayed by the regional news digest",
				quote:       "The groups called the strike a massacre by Israel and the United States; Kataib Hezbollah told US forces to leave Iraq or suffer for it."},
		},
	},
}
