package demo

import "claimdesk/internal/claims"

// The demo data, as a spec keyed by names and independent of the service API: the
// parties, sources and claims of two news reports of 19 October 2023 on drone attacks
// against US forces in Syria and Iraq, retold in the desk's own words.
//
// Rules the spec keeps (spec_test.go checks what can be checked):
//
//   - Only what the reports say: no figure, time, address or quotation they do not give.
//     Figures are typed as a person would ("a few", "at least 3") and carry over exactly.
//   - quoteKind "quote" only for words a report puts in quotation marks as the source's;
//     everything else is "paraphrase", in the desk's words. A paraphrase may keep, in
//     quotation marks, the few words the report quotes.
//   - A statement is cited from the one who made it (AP, CENTCOM, Al Mayadeen...); its
//     attribution says which outlet carried it. The two outlets the reports are (a
//     breaking-news website and a news digest) are cited only for what they give in their
//     own voice or from people they do not name, so that what they merely pass on is never
//     counted twice.
//   - Published dates: the reports give no times and rarely the day a source spoke, so
//     every citation is dated 19 October 2023, the day the reports carried it.
//   - Nothing a user reads says how the data was made (TestSpecTextNeutral).

// partySpec is a party to the conflict; parent names the party it belongs to.
type partySpec struct {
	name   string
	kind   claims.PartyKind
	parent string
	notes  string
}

// sourceSpec is a source; party and relation say whose voice or media it is.
type sourceSpec struct {
	name        string
	kind        claims.SourceKind
	party       string
	relation    claims.Relation
	homepage    string
	affiliation string
}

// Quote kinds.
const (
	kindQuote      = "quote"      // words the source is reported to have said
	kindParaphrase = "paraphrase" // the desk's account of what the source said
)

// citeV2 is one citation. Figures are as a person types them; "" is not given.
type citeV2 struct {
	source      string
	stance      claims.Stance
	scope       claims.DenialScope
	published   string // YYYY-MM-DD, or YYYY-MM-DD HH:MM in UTC
	quote       string
	quoteKind   string
	attribution string

	relaysSource string // the source this citation passes on
	relaysParty  string // the party this citation passes on ("citing a US official")
	attributesTo string // the party the statement blames

	weaponCategory claims.WeaponCategory
	weapon         string // the source's own words for the weapon

	launched, intercepted                            string
	killedMilitary, killedCivilian, killedUnknown    string
	injuredMilitary, injuredCivilian, injuredUnknown string
}

// reviewSpec is the desk's weighing of one contest reason, stored against its key.
type reviewSpec struct {
	key, note string
}

// claimV2 is one claim with its sides, citations, reviews and verdict.
type claimV2 struct {
	claim     claims.Claim
	attackers []string // alleged attacker(s), party names
	targets   []string // targeted party(ies), party names
	cites     []citeV2
	reviews   []reviewSpec
	verdict   claims.Verdict // "" leaves it unverified
	// reason is why the desk gives the verdict. Every claim starts unverified and a
	// verdict is stored only when it changes, so an Unverified verdict's reason is kept
	// here, for the record of the desk's weighing, and the claim's summary says the same.
	reason string
}

// Party names.
const (
	pUS        = "United States"
	pUSForces  = "US forces"
	pCoalition = "US-led coalition"
	pSyria     = "Syria"
	pIraq      = "Iraq"
	pKurdistan = "Kurdistan Region"
	pIran      = "Iran"
	pMilitias  = "Iran-backed militias"
	pIRI       = "Islamic Resistance in Iraq"
	pKataib    = "Kataib Hezbollah"
	pWaritheen = "Tashkil al-Waritheen"
	pHezbollah = "Hezbollah"
	pIsrael    = "Israel"
)

// Source names.
const (
	sCENTCOM   = "CENTCOM"
	sAP        = "The Associated Press"
	sPolitico  = "Politico"
	sMayadeen  = "Al Mayadeen"
	sSOHR      = "Syrian Observatory for Human Rights"
	sIRI       = "Islamic Resistance in Iraq"
	sWaritheen = "Tashkil al-Waritheen"
	sKurdCT    = "Kurdistan Region Counter-Terrorism Service"
	sBreaking  = "Breaking-news website"
	sDigest    = "Middle East news digest"
)

// Claim titles.
const (
	tTanf        = "Drone attack on the al-Tanf garrison in Syria"
	tTanfEarlier = "Earlier attempted drone attack on the al-Tanf garrison"
	tConoco      = "Attack on the Conoco gas field base in Deir ez-Zor"
	tAsad        = "Drone attack on Ain al-Asad air base in Iraq"
	tHarir       = "Drone attack on Al Harir air base in Iraqi Kurdistan"
	tCENTCOM     = "CENTCOM: three drones countered near US and coalition forces in Iraq"
	tGaza        = "Hospital hit in Gaza"
)

// published is the day the reports carried every statement cited here.
const published = "2023-10-19"

// demoParties: parents come before the parties that name them.
//
// Judgement calls:
//   - The United States leads the coalition but is not placed under it: a party has one
//     parent, and the reports speak of "US and coalition forces" as two. Claims on bases
//     where both are stationed record both as targets.
//   - The Kurdistan Region belongs to Iraq (the reports call it "the autonomous region of
//     Iraqi Kurdistan"). So its voice counts once with Iraq's for independence; no Iraqi
//     federal source is cited, and Iraq is on no claim's side, so nothing else changes.
//   - "Iran-backed militias" is the umbrella the reports speak of without naming one
//     organisation ("Iran-backed militias", "Iraqi armed groups close to Iran"). It is
//     recorded where a report names no group (the groups' claims on Ain al-Asad and Al
//     Harir, the earlier attempt on al-Tanf). It does not belong to Iran: backed is not
//     commanded, and the reports do not say Iran directs them.
//   - The Islamic Resistance in Iraq ("a coalition of several groups supported by Iran"),
//     Kataib Hezbollah ("one of" the Iraqi organisations close to Iran) and Tashkil
//     al-Waritheen ("another faction") belong to the umbrella, not to the Islamic
//     Resistance: neither report puts them in it. So none of their claims compete with the
//     umbrella's, and the Islamic Resistance and Tashkil al-Waritheen are not one party.
//   - Hezbollah stands alone: the reports name it only as Al Mayadeen's link, and never
//     among the militias. Iran, Syria and Israel are in the registry but on no claim's side.
//   - Hamas is left out: no claim needs it.
var demoParties = []partySpec{
	{name: pUS, kind: claims.PartyState},
	{name: pUSForces, kind: claims.PartyForces, parent: pUS,
		notes: "The US military; US Central Command (CENTCOM) commands it in the Middle East."},
	{name: pCoalition, kind: claims.PartyCoalition,
		notes: "The international coalition whose troops are stationed with US forces in Iraq and Syria. In October 2023 about 2,500 US troops and about 1,000 other coalition troops were at three Iraqi military bases."},
	{name: pSyria, kind: claims.PartyState},
	{name: pIraq, kind: claims.PartyState},
	{name: pKurdistan, kind: claims.PartyState, parent: pIraq,
		notes: "The autonomous Kurdistan Region in northern Iraq, with its own government and security services."},
	{name: pIran, kind: claims.PartyState},
	{name: pMilitias, kind: claims.PartyCoalition,
		notes: "Not one organisation: the armed groups backed by Iran that reports speak of together, such as the Iraqi armed groups close to Iran. Since the night of Tuesday 17 October 2023 Iraqi organisations close to Iran have accused Israel and the United States of a “massacre” in Gaza, and in recent days they have threatened attacks on US interests in Iraq over Washington's support for Israel. Rocket and drone attacks on bases hosting coalition troops in Iraq were frequent until the summer of 2022 and mostly went unclaimed; the United States blamed organisations close to Tehran."},
	{name: pIRI, kind: claims.PartyCoalition, parent: pMilitias,
		notes: "A coalition of several Iran-backed armed groups in Iraq."},
	{name: pKataib, kind: claims.PartyArmedGroup, parent: pMilitias,
		notes: "Iraqi armed group close to Iran, also reported as “the Hezbollah brigades”. In October 2023 it demanded that the Americans “get out” of Iraq, or else “taste the flames of hell”: a threat, not a claim of any attack."},
	{name: pWaritheen, kind: claims.PartyArmedGroup, parent: pMilitias,
		notes: "Armed faction among the Iran-backed groups in Iraq."},
	{name: pHezbollah, kind: claims.PartyArmedGroup,
		notes: "Lebanese armed group and political party."},
	{name: pIsrael, kind: claims.PartyState},
}

// demoSources. Reuters is not a source: the reports cite it only for US troops watching
// the Iran-backed forces closely, which bears on no claim. Kataib Hezbollah is a party,
// not a source: its one statement is a threat, not an account of any attack.
var demoSources = []sourceSpec{
	{name: sCENTCOM, kind: claims.KindOfficial, party: pUSForces, relation: claims.RelationVoice,
		homepage:    "https://www.centcom.mil",
		affiliation: "US Central Command, the US military command for the Middle East; it speaks for US forces there."},
	{name: sAP, kind: claims.KindWire, relation: claims.RelationIndependent,
		homepage: "https://apnews.com", affiliation: "US news agency."},
	{name: sPolitico, kind: claims.KindOutlet, relation: claims.RelationIndependent,
		homepage: "https://www.politico.com", affiliation: "US news outlet covering politics and security."},
	{name: sMayadeen, kind: claims.KindAffiliated, party: pHezbollah, relation: claims.RelationAffiliated,
		homepage:    "https://www.almayadeen.net",
		affiliation: "Lebanese television network linked with Hezbollah and close to Iran."},
	{name: sSOHR, kind: claims.KindMonitor, relation: claims.RelationIndependent,
		homepage:    "https://www.syriahr.com",
		affiliation: "Monitor of the war in Syria that draws on a network of local activists."},
	{name: sIRI, kind: claims.KindArmedGroup, party: pIRI, relation: claims.RelationVoice,
		affiliation: "The coalition's own statements."},
	{name: sWaritheen, kind: claims.KindArmedGroup, party: pWaritheen, relation: claims.RelationVoice,
		affiliation: "The faction's own statements."},
	{name: sKurdCT, kind: claims.KindOfficial, party: pKurdistan, relation: claims.RelationVoice,
		affiliation: "Counter-terrorism service of the autonomous Kurdistan Region of Iraq."},
	{name: sBreaking, kind: claims.KindOutlet, relation: claims.RelationIndependent,
		affiliation: "Online outlet publishing breaking news in a strongly opinionated voice. It relays other outlets, and gives some accounts without naming who gave them."},
	{name: sDigest, kind: claims.KindOutlet, relation: claims.RelationIndependent,
		affiliation: "News service summing up the day in the Middle East. It relays Al Mayadeen, CENTCOM and the Kurdistan Region's counter-terrorism service, and notes where there is no official confirmation."},
}

// demoClaimsV2 holds every attack the reports speak of, Syria first, then Iraq, then Gaza.
var demoClaimsV2 = []claimV2{
	{
		// Thursday's attack on al-Tanf. The earlier attempt is another claim (below): the
		// report says it came "before this", and its count and outcome differ (two drones
		// brought down and one hitting the base, with material damage, against one shot
		// down and one wounding a few personnel). Al Mayadeen's "three drones" are not
		// entered as a launched figure: the report leaves open whether they are this
		// attack's or the earlier attempt's, which also had three. Nobody has claimed the
		// attack and no source names an attacker, so no attacker is recorded.
		claim: claims.Claim{
			Title:         tTanf,
			Summary:       "Drones attacked the coalition garrison at al-Tanf, in Syria near the borders with Iraq and Jordan, on Thursday 19 October 2023. A US official who was not named told the AP that one drone was intercepted and destroyed and the other wounded a few personnel. Al Mayadeen reported a drone attack on the base and spoke of three drones; it is not clear whether that count is of this attack or of the earlier attempt on al-Tanf. Local activists also pointed to attacks on the base. No official statement on the record, and nobody has claimed it.",
			Place:         "al-Tanf garrison, near the borders with Iraq and Jordan",
			Country:       "Syria",
			OccurredOn:    day("2023-10-19"),
			DatePrecision: "day",
			AttackType:    "drone",
			Target:        "US-led coalition garrison",
		},
		targets: []string{pUSForces, pCoalition},
		cites: []citeV2{
			{source: sAP, stance: claims.StanceReports, published: published, quoteKind: kindParaphrase,
				quote:       "At al-Tanf one drone was intercepted and destroyed; the other wounded a few personnel.",
				attribution: "A US official, not named, speaking to the AP; carried by the breaking-news website.",
				relaysParty: pUS, weaponCategory: claims.WeaponDrone,
				launched: "2", intercepted: "1", injuredMilitary: "a few"},
			{source: sMayadeen, stance: claims.StanceReports, published: published, quoteKind: kindParaphrase,
				quote:          "Three drones attacked the al-Tanf base, near Syria's borders with Iraq and Jordan.",
				attribution:    "The channel's report, carried by the news digest (a drone attack on al-Tanf) and by the breaking-news website (three drones, which the website says the channel reported earlier). Whether the three are this attack's or the earlier attempt's is not clear.",
				weaponCategory: claims.WeaponDrone},
			{source: sBreaking, stance: claims.StanceReports, published: published, quoteKind: kindParaphrase,
				quote:       "Local activists hinted at attacks on both US bases in Syria, al-Tanf and the Conoco site.",
				attribution: "Local activists, not named, as the website reports them."},
		},
		verdict: claims.VerdictConfirmed,
		reason:  "Sources on opposite sides agree that al-Tanf was attacked with drones on 19 October: a US official speaking to the AP, and Al Mayadeen, a channel linked with Hezbollah; local activists point the same way. The details (two drones, one intercepted, a few personnel wounded) rest on the one official, who was not named, and no one has confirmed them on the record. Al Mayadeen's count of three drones is not set against the official's two: it may be of the earlier attempt.",
	},
	{
		// Undated in the report ("before this"); dated the day before Thursday's attack, to
		// within a week. Launched is "at least 3": the report counts two brought down and
		// one that hit the base, and gives no total.
		claim: claims.Claim{
			Title:         tTanfEarlier,
			Summary:       "Before the attack of Thursday 19 October 2023, Iran-backed militias are said to have tried to attack coalition forces at al-Tanf: coalition forces brought down two drones, but one hit the base and caused material damage. Only the breaking-news website reports it, without a date or a named source.",
			Place:         "al-Tanf garrison, near the borders with Iraq and Jordan",
			Country:       "Syria",
			OccurredOn:    day("2023-10-18"),
			DatePrecision: "week",
			AttackType:    "drone",
			Target:        "US-led coalition garrison",
		},
		attackers: []string{pMilitias},
		targets:   []string{pCoalition},
		cites: []citeV2{
			{source: sBreaking, stance: claims.StanceReports, published: published, quoteKind: kindParaphrase,
				quote:        "Iran-supported militias are said to have tried to attack coalition forces at al-Tanf earlier: the coalition brought down two drones, but one hit the base and caused material damage.",
				attribution:  "The website's own account; it names no source and gives no date.",
				attributesTo: pMilitias, weaponCategory: claims.WeaponDrone,
				launched: "at least 3", intercepted: "2"},
		},
		verdict: claims.VerdictUnverified,
		reason:  "One outlet reports it, in its own voice, naming no source and giving no date. Nothing else in hand confirms an earlier attempt, the two drones brought down or the damage to the base.",
	},
	{
		// Politico's weapon is "drone": the report gives Conoco as "another target" of the
		// drone attacks on US bases in Syria that Thursday, as Politico confirmed. Al
		// Mayadeen, in the other report, speaks of a missile. The desk weighed the
		// disagreement (review below) and confirms the attack, not the weapon.
		claim: claims.Claim{
			Title:         tConoco,
			Summary:       "The US base at the Conoco gas field, in the countryside of Syria's Deir ez-Zor province, was attacked on Thursday 19 October 2023. A US official and a person who knew of the attack told Politico the site was a target of that day's drone attacks; Al Mayadeen reported a missile attack. The Syrian Observatory for Human Rights pointed to explosions near the gas field and military aircraft heard for some time. The Islamic Resistance in Iraq said it carried out the strike; nobody official has verified that.",
			Place:         "Conoco gas field base, Deir ez-Zor province",
			Country:       "Syria",
			OccurredOn:    day("2023-10-19"),
			DatePrecision: "day",
			AttackType:    "unknown",
			Target:        "US base",
		},
		attackers: []string{pIRI},
		targets:   []string{pUSForces},
		cites: []citeV2{
			{source: sPolitico, stance: claims.StanceReports, published: published, quoteKind: kindParaphrase,
				quote:       "Besides al-Tanf, Thursday's drone attacks on US bases in Syria targeted the Conoco site in Deir ez-Zor.",
				attribution: "A US official and a person who knew of the attack, speaking to Politico; carried by the breaking-news website.",
				relaysParty: pUS, weaponCategory: claims.WeaponDrone},
			{source: sMayadeen, stance: claims.StanceReports, published: published, quoteKind: kindParaphrase,
				quote:          "A missile attack targeted the Conoco base in the countryside of northern Deir ez-Zor province.",
				attribution:    "The channel's report, carried by the news digest, which adds that the channel gave no more detail and that there was no official confirmation.",
				weaponCategory: claims.WeaponMissile},
			{source: sIRI, stance: claims.StanceClaimsResponsibility, published: published, quoteKind: kindParaphrase,
				quote:       "The group said the strike on the Conoco gas field was its work.",
				attribution: "Carried by the breaking-news website, which adds that no official body had verified the claim."},
			{source: sSOHR, stance: claims.StanceReports, published: published, quoteKind: kindParaphrase,
				quote:       "There were explosions near the Conoco gas field, and the sound of military aircraft persisted.",
				attribution: "Carried by the breaking-news website."},
			{source: sBreaking, stance: claims.StanceReports, published: published, quoteKind: kindParaphrase,
				quote:       "Local activists hinted at attacks on both US bases in Syria, al-Tanf and the Conoco site.",
				attribution: "Local activists, not named, as the website reports them."},
		},
		reviews: []reviewSpec{{key: "weapon:drone|missile",
			note: "Drone or missile: Politico's sources are given in a passage on Thursday's drone attacks, Al Mayadeen said a missile, and neither gave more. The desk cannot settle the weapon and leaves the attack type unknown; the disagreement does not put the attack itself in doubt."}},
		verdict: claims.VerdictConfirmed,
		reason:  "Four accounts independent of each other say the Conoco site was attacked on 19 October: US sources speaking to Politico, Al Mayadeen, the Syrian Observatory for Human Rights (explosions near the gas field, military aircraft heard for some time) and local activists. They differ on the weapon, drones or a missile, which stays open. The Islamic Resistance in Iraq's claim has not been verified, and there is no official statement on the record.",
	},
	{
		// The two claims the reports give: the Islamic Resistance in Iraq's, and the
		// groups' (report: "the groups yesterday claimed responsibility for two separate
		// drone attacks", the first on Ain al-Asad), relayed by the digest. The umbrella
		// and the Islamic Resistance are related, so the claims do not compete.
		claim: claims.Claim{
			Title:         tAsad,
			Summary:       "The Islamic Resistance in Iraq, a coalition of Iran-backed groups, is reported to have claimed the attack of Wednesday 18 October 2023 on the al-Asad base in western Iraq, calling it a precursor of more operations against US forces. The Iraqi armed groups close to Iran said on social media that day that they had carried out two separate drone attacks on bases hosting US and coalition forces, the first on Ain al-Asad. No independent or official account of an attack on the base has been cited.",
			Place:         "Ain al-Asad air base, western Iraq",
			Country:       "Iraq",
			OccurredOn:    day("2023-10-18"),
			DatePrecision: "day",
			AttackType:    "drone",
			Target:        "Base hosting US and coalition forces",
		},
		attackers: []string{pIRI},
		targets:   []string{pUSForces, pCoalition},
		cites: []citeV2{
			{source: sIRI, stance: claims.StanceClaimsResponsibility, published: published, quoteKind: kindParaphrase,
				quote:       "The coalition said the Wednesday attack on the al-Asad base was its own, and a precursor of more such operations against US forces.",
				attribution: "Carried by the breaking-news website, which says the claim was reported."},
			{source: sDigest, stance: claims.StanceClaimsResponsibility, published: published, quoteKind: kindParaphrase,
				quote:       "On social media the groups claimed two separate drone attacks on Iraqi bases where US and coalition forces are stationed; by their account the first was aimed at Ain al-Asad, in western Iraq.",
				attribution: "The digest, relaying the Iraqi armed groups close to Iran without naming them.",
				relaysParty: pMilitias, weaponCategory: claims.WeaponDrone},
		},
		verdict: claims.VerdictUnverified,
		reason:  "Only claims of responsibility speak of it: the Islamic Resistance in Iraq's and that of the groups close to Iran. No independent source and no official has said the base was attacked; CENTCOM's statement on three drones in Iraq names no base.",
	},
	{
		// The second of Wednesday's claimed attacks. One report has Tashkil al-Waritheen
		// claim "the second attack on Wednesday" without a place; the other has the groups
		// claim two drone attacks that day, the first on Ain al-Asad and the second on Al
		// Harir. Both count two claimed Wednesday attacks with al-Asad first, so the desk
		// reads Tashkil al-Waritheen's as the Al Harir one and says so in the citation.
		// The Kurdistan Region's counter-terrorism service *reports* (it does not confirm
		// an attack on the base): an armed drone crashed in a desert area, injuring nobody.
		claim: claims.Claim{
			Title:         tHarir,
			Summary:       "The Iraqi armed groups close to Iran said on social media that the second of two drone attacks they carried out on Wednesday 18 October 2023 was aimed at Al Harir, in the Kurdistan Region of Iraq, where US and coalition forces are stationed; Tashkil al-Waritheen said it was behind the second attack of that Wednesday. The Kurdistan Region's counter-terrorism service said that an armed drone crashed that day in a desert area without injuring anyone; it did not say the base was hit.",
			Place:         "Al Harir air base, Kurdistan Region",
			Country:       "Iraq",
			OccurredOn:    day("2023-10-18"),
			DatePrecision: "day",
			AttackType:    "drone",
			Target:        "Base hosting US and coalition forces",
		},
		attackers: []string{pMilitias, pWaritheen},
		targets:   []string{pUSForces, pCoalition},
		cites: []citeV2{
			{source: sDigest, stance: claims.StanceClaimsResponsibility, published: published, quoteKind: kindParaphrase,
				quote:       "On social media the groups claimed two separate drone attacks on Iraqi bases where US and coalition forces are stationed; by their account the second was aimed at Al Harir, in the Kurdistan Region.",
				attribution: "The digest, relaying the Iraqi armed groups close to Iran without naming them.",
				relaysParty: pMilitias, weaponCategory: claims.WeaponDrone},
			{source: sWaritheen, stance: claims.StanceClaimsResponsibility, published: published, quoteKind: kindParaphrase,
				quote:       "The faction said it was behind the second attack of Wednesday.",
				attribution: "Carried by the breaking-news website, which does not name the place. The desk reads it as the Al Harir attack: the groups' own account puts the second of that Wednesday's two claimed attacks there."},
			{source: sKurdCT, stance: claims.StanceReports, published: published, quoteKind: kindParaphrase,
				quote:          "An “armed” drone crashed on Wednesday in a “desert” area, without causing any injuries.",
				attribution:    "The service's statement on the attack the groups claimed, carried by the news digest. It speaks of a desert area, not of the base.",
				weaponCategory: claims.WeaponDrone, weapon: "armed drone", injuredUnknown: "none"},
		},
		verdict: claims.VerdictUnverified,
		reason:  "The groups close to Iran and Tashkil al-Waritheen claim it. The one account from outside the attacker's side, the Kurdistan Region's counter-terrorism service, says only that an armed drone crashed in a desert area without injuring anyone; it does not say the base was hit. No US or coalition statement on Al Harir has been cited.",
	},
	{
		// CENTCOM's press release, quoted by the digest, and CENTCOM's confirmation as the
		// breaking-news website gives it (some intercepted, one causing minor injuries).
		// The website says Iran-backed militias were behind it; the digest says CENTCOM did
		// not say who, so no attacker is recorded and CENTCOM blames nobody. The attacks
		// may overlap with those claimed on Ain al-Asad and Al Harir; nothing says so.
		// "At least 1" military injured: the report says "minor injuries to the troops".
		claim: claims.Claim{
			Title:         tCENTCOM,
			Summary:       "US Central Command said that in the 24 hours before its statement US forces had defended against three drones near US and coalition forces in Iraq; as the breaking-news website gives it, some of the drones were intercepted and one caused minor injuries to troops. The website places this on Wednesday 18 October 2023. CENTCOM did not say who launched the drones. On Wednesday it also said it was “vigilantly monitoring the situation in Iraq and the region” and ready to “defend” US and coalition forces “against any threat”.",
			Place:         "Near US and coalition forces in Iraq",
			Country:       "Iraq",
			OccurredOn:    day("2023-10-18"),
			DatePrecision: "day",
			AttackType:    "drone",
			Target:        "US and coalition forces",
		},
		targets: []string{pUSForces, pCoalition},
		cites: []citeV2{
			{source: sCENTCOM, stance: claims.StanceConfirms, published: published, quoteKind: kindQuote,
				quote:          "During the past 24 hours, the US military has defended against three drones located near US and coalition forces in Iraq",
				attribution:    "CENTCOM press release, quoted by the news digest, which adds that CENTCOM did not say who the drones belonged to.",
				weaponCategory: claims.WeaponDrone, launched: "3"},
			{source: sCENTCOM, stance: claims.StanceConfirms, published: published, quoteKind: kindParaphrase,
				quote:          "Some of the drones were intercepted; one caused minor injuries to the troops.",
				attribution:    "CENTCOM's confirmation as the breaking-news website gives it. The website also says Iran-backed militias were behind the attempt, which the press release as quoted does not say.",
				weaponCategory: claims.WeaponDrone, injuredMilitary: "at least 1"},
		},
		verdict: claims.VerdictConfirmed,
		reason:  "CENTCOM, which speaks for the forces targeted, said on the record that US forces defended against three drones near US and coalition forces in Iraq within 24 hours. Who launched them, and at which bases, it did not say.",
	},
	{
		// Mentioned in passing by the digest, as background. No source, no cause, no one
		// held responsible: no sides are recorded. The "massacre" words of the Iraqi groups
		// are not about this hospital in the report, so they are not here (see the party
		// notes of Iran-backed militias). Dated to within a week: the digest puts it the
		// day before the drone attacks it reports, which began on Wednesday 18 October.
		claim: claims.Claim{
			Title:         tGaza,
			Summary:       "A hospital in Gaza was hit and hundreds were killed, the Middle East news digest says in passing, the day before the drone attacks on US targets in the region. It names no source and does not say what hit the hospital or who was responsible.",
			Place:         "Gaza",
			Country:       "Palestinian territories",
			OccurredOn:    day("2023-10-17"),
			DatePrecision: "week",
			AttackType:    "unknown",
			Target:        "Hospital",
		},
		cites: []citeV2{
			{source: sDigest, stance: claims.StanceReports, published: published, quoteKind: kindParaphrase,
				quote:         "A hospital in Gaza was hit, killing hundreds, the day before the drone attacks on US targets.",
				attribution:   "The digest's own account, given as background; it names no source.",
				killedUnknown: "hundreds"},
		},
		verdict: claims.VerdictUnverified,
		reason:  "Only one outlet mentions it, in passing and without a source. Nothing in hand says what hit the hospital, who was responsible or how many died beyond “hundreds”.",
	},
}
