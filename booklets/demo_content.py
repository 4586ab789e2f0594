"""Demo booklet "Bienvenue dans la métropole", in French (source), Arabic, English, Tigrinya.

Data only, no database: the demo seed and the PDF tests read it.

- ``SECTION_TEMPLATE``: the ordered sections a facilitator starts a booklet from,
  as ``(key, French title, English title)``.
- ``SOURCE_LANGUAGE``, ``LANGUAGES``: ``"fr"`` and the four languages, source first.
- ``BOOKLET[language]``: ``{"title": str, "sections": [{"key", "title", "body"}, ...]}``, the
  sections in template order, the same keys in every language. Bodies use the format of
  ``booklets.markup`` (address cards, emergency numbers, "good to know" boxes).
- ``sections(language)``: the list of ``(key, title, body)`` of a language.

Places, addresses, phone numbers and e-mails are fictional ("exemple", numbers of the range
04 65 71 xx xx that ARCEP keeps for fiction, example.org). The emergency numbers (15, 17, 18,
112, 114, 115, 119, 3919) and the institutions (OFII, OFPRA, CNDA, CAF, CPAM...) are real.
"""

SOURCE_LANGUAGE = "fr"
LANGUAGES = ("fr", "ar", "en", "ti")

SECTION_TEMPLATE = (
    ("first_steps", "Premiers pas", "First steps"),
    ("rights", "Droits et démarches", "Rights and procedures"),
    ("legal_aid", "Aide juridique", "Legal aid"),
    ("housing", "Logement et hébergement d'urgence", "Housing and emergency shelter"),
    ("health", "Santé", "Health"),
    ("money", "Argent et aides", "Money and benefits"),
    ("french", "Apprendre le français", "Learning French"),
    ("work", "Travail et formation", "Work and training"),
    ("school", "Enfants et école", "Children and school"),
    ("transport", "Transports", "Transport"),
    ("daily_life", "Vie quotidienne", "Daily life"),
    ("taking_part", "Participer", "Taking part"),
    ("emergency", "Numéros d'urgence", "Emergency numbers"),
    ("addresses", "Adresses utiles", "Useful addresses"),
    ("glossary", "Glossaire", "Glossary"),
)

# --- French (source) ---------------------------------------------------------------------------

FR = {
    "title": "Bienvenue dans la métropole",
    "sections": [
        {
            "key": "first_steps",
            "title": "Premiers pas",
            "body": """\
Bienvenue ! Ce livret a été écrit par des habitants de la métropole, arrivés depuis peu ou \
depuis longtemps, avec des associations et des services publics. Il donne les premières \
informations utiles. Il ne remplace pas un conseil personnel.

# Les trois premières choses à faire

1. Trouver un endroit où dormir ce soir : appelez le **115** (gratuit, jour et nuit).
2. Avoir une adresse pour recevoir votre courrier : c'est la **domiciliation**, gratuite \
dans un centre communal d'action sociale (CCAS) ou une association agréée.
3. Aller à la plateforme d'accueil si vous voulez demander l'asile.

:::tip
Gardez une **copie** (photo ou photocopie) de chaque document. Ne donnez jamais vos \
originaux sans reçu.
:::

:::address
name: Accueil de jour (exemple)
address: 3 place de l'Exemple, 38000 Grenoble
hours: lundi–vendredi 8:30–12:00
languages: fr, ar, en, ti
phone: 04 65 71 00 01
:::
""",
        },
        {
            "key": "rights",
            "title": "Droits et démarches",
            "body": """\
# Demander l'asile

Pour demander l'asile, allez d'abord à la **plateforme d'accueil des demandeurs d'asile \
(SPADA)**. Elle enregistre votre demande et vous donne un rendez-vous au **guichet unique \
(GUDA)** de la préfecture. Au guichet unique, vous recevez une **attestation de demande \
d'asile** : c'est votre document de séjour pendant la procédure.

Ensuite, vous envoyez votre récit à l'**OFPRA** dans un délai de 21 jours. L'OFPRA vous \
convoque à un entretien. Vous avez droit à un interprète dans votre langue.

- Si l'OFPRA refuse, vous pouvez faire un recours devant la **CNDA**, en général dans un \
délai d'un mois.
- Respectez toujours les délais : une lettre arrivée trop tard peut être refusée.

:::tip
Ouvrez votre courrier tous les jours. Les convocations et les décisions arrivent par la poste.
:::

:::address
name: Plateforme d'accueil des demandeurs d'asile (exemple)
address: 12 rue de l'Exemple, 38000 Grenoble
hours: lundi–vendredi 9:00–12:00
languages: fr, ar, en, ti, fa-af, ps
phone: 04 65 71 00 02
:::
""",
        },
        {
            "key": "legal_aid",
            "title": "Aide juridique",
            "body": """\
Vous avez le droit d'être aidé gratuitement pour comprendre vos droits et préparer vos \
démarches.

- Les **permanences juridiques** des associations vous aident à écrire votre récit, à \
préparer l'entretien et à faire un recours.
- Les **points-justice** donnent des conseils gratuits et confidentiels.
- Pour un recours devant la CNDA, vous pouvez demander l'**aide juridictionnelle** : l'État \
paie votre avocat.

:::address
name: Permanence juridique (exemple)
address: 5 avenue Modèle, 38100 Grenoble
hours: mardi et jeudi 14:00–17:00
languages: fr, en, ar
phone: 04 65 71 00 03
email: juridique@example.org
:::

:::tip
Apportez tous vos papiers, même ceux qui vous semblent sans importance. Notez les dates de vos \
rendez-vous.
:::
""",
        },
        {
            "key": "housing",
            "title": "Logement et hébergement d'urgence",
            "body": """\
# Dormir ce soir

Si vous n'avez pas d'endroit où dormir, appelez le **115**. L'appel est gratuit, jour et \
nuit. Le 115 cherche une place dans un centre d'hébergement. Si aucune place n'est libre, \
rappelez chaque jour.

# Pendant la demande d'asile

L'**OFII** peut vous proposer une place dans un centre pour demandeurs d'asile. Si vous \
refusez cette place, vous risquez de perdre l'allocation.

# Après

Quand vous avez un titre de séjour, vous pouvez faire une **demande de logement social**. \
Les travailleurs sociaux vous aident à remplir le dossier.

:::tip
Quand il fait très froid, des places supplémentaires ouvrent. Appelez le 115 même si on vous \
a dit non la veille.
:::
""",
        },
        {
            "key": "health",
            "title": "Santé",
            "body": """\
En France, tout le monde peut être soigné, avec ou sans papiers.

- En cas d'urgence médicale, appelez le **15** (SAMU).
- Si vous n'avez pas de couverture maladie, allez à la **PASS** de l'hôpital : consultations \
et médicaments gratuits.
- La **protection universelle maladie (PUMa)** et la **complémentaire santé solidaire** \
paient vos soins. Demandez-les à la CPAM.
- Le soir et le week-end, une **pharmacie de garde** est toujours ouverte.

:::address
name: PASS de l'hôpital (exemple)
address: 1 boulevard de l'Exemple, 38700 La Tronche
hours: lundi–vendredi 8:30–16:30
languages: fr, en
phone: 04 65 71 00 04
:::

:::tip
Le secret médical est protégé : le médecin ne dit rien de votre santé à la préfecture ni à la \
police. Vous pouvez demander un interprète.
:::
""",
        },
        {
            "key": "money",
            "title": "Argent et aides",
            "body": """\
# L'allocation pour demandeur d'asile (ADA)

Pendant la procédure, l'OFII peut vous verser l'**ADA**. Elle arrive sur une carte de \
paiement. Son montant dépend de votre famille et de votre hébergement.

# Avec une protection

Avec le statut de réfugié ou la protection subsidiaire, vous pouvez demander à la **CAF** le \
**RSA** (à partir de 25 ans) et les **aides au logement**.

# Ouvrir un compte bancaire

Toute personne qui réside en France a droit à un compte bancaire. Si une banque refuse, \
demandez une lettre de refus et allez à la **Banque de France** : elle désigne une banque \
qui doit vous ouvrir un compte.

:::tip
Ne donnez jamais le code de votre carte bancaire, même à quelqu'un qui dit travailler pour \
une administration.
:::
""",
        },
        {
            "key": "french",
            "title": "Apprendre le français",
            "body": """\
Parler français aide pour tout : les rendez-vous, le travail, l'école des enfants, les amis.

- Avec un titre de séjour, vous signez avec l'OFII le **contrat d'intégration républicaine \
(CIR)** : il comprend des cours de français gratuits.
- Des **associations** donnent des cours gratuits à tout le monde, avec ou sans papiers.
- Les **bibliothèques** sont gratuites : livres, ordinateurs, et souvent des ateliers de \
conversation.

:::address
name: Cours de français pour adultes (exemple)
address: 8 rue Fictive, 38000 Grenoble
hours: lundi, mercredi et vendredi 9:30–11:30
languages: fr
phone: 04 65 71 00 05
:::

:::tip
Apprendre une langue prend du temps. Parlez français chaque jour, même un peu : au marché, à \
la bibliothèque, avec vos voisins.
:::
""",
        },
        {
            "key": "work",
            "title": "Travail et formation",
            "body": """\
Le droit de travailler dépend de votre titre de séjour. Les réfugiés et les bénéficiaires de \
la protection subsidiaire peuvent travailler tout de suite.

- **France Travail** aide à chercher un emploi et une formation.
- Les **missions locales** accompagnent les jeunes de 16 à 25 ans.
- Faites reconnaître vos diplômes : **ENIC-NARIC** délivre une attestation de comparabilité.

:::tip
Ne travaillez jamais sans contrat écrit. Gardez vos fiches de paie : elles prouvent vos droits.
:::
""",
        },
        {
            "key": "school",
            "title": "Enfants et école",
            "body": """\
En France, l'instruction est **obligatoire de 3 à 16 ans** pour tous les enfants, quels que \
soient les papiers des parents. L'école publique est gratuite.

1. Inscrivez votre enfant à la mairie pour l'école maternelle et l'école élémentaire.
2. Pour un enfant de plus de 11 ans, allez au CIO (centre d'information et d'orientation).
3. Les enfants qui ne parlent pas encore français ont des classes d'accueil (UPE2A).
4. La cantine coûte moins cher quand les revenus sont bas : demandez à la mairie.

:::emergency
119: Enfance en danger (gratuit, jour et nuit)
:::

:::tip
Vous pouvez demander un rendez-vous avec l'enseignant, et venir avec une personne qui traduit.
:::
""",
        },
        {
            "key": "transport",
            "title": "Transports",
            "body": """\
Le réseau de la métropole compte des tramways, des bus et des vélos en location.

- Il existe une **tarification solidaire** : selon vos revenus, l'abonnement coûte moins \
cher ou il est gratuit. Demandez-la avec votre attestation de la CAF ou de l'OFII.
- Achetez et validez toujours un ticket : une amende coûte beaucoup plus cher qu'un ticket.
- Le vélo est un moyen simple et peu cher pour se déplacer. Des associations réparent les \
vélos à petit prix.

:::tip
Les applications de transport donnent les horaires en temps réel.
:::
""",
        },
        {
            "key": "daily_life",
            "title": "Vie quotidienne",
            "body": """\
- **Courses** : les épiceries solidaires vendent à petits prix ; les Restos du Cœur et \
d'autres associations distribuent une aide alimentaire.
- **Vêtements** : des vestiaires solidaires donnent ou vendent à petit prix.
- **Téléphone et Internet** : des lieux publics, comme les bibliothèques, donnent un accès \
gratuit au wifi et aux ordinateurs.
- **Déchets** : triez le verre, le papier et les emballages dans les bacs de couleur.

:::tip
Le dimanche, beaucoup de magasins sont fermés. Les marchés ont lieu le matin.
:::
""",
        },
        {
            "key": "taking_part",
            "title": "Participer",
            "body": """\
Vous avez votre place dans la vie de la métropole, quel que soit votre statut.

- L'**Agora** réunit des habitants arrivés récemment. Elle donne son avis sur l'accueil dans \
la métropole et fait des propositions.
- Les **associations** cherchent des bénévoles : c'est une bonne manière de rencontrer du \
monde et de pratiquer le français.
- Les maisons des habitants proposent des activités gratuites.

:::tip
Ce livret est écrit avec vous. Dites-nous si une page vous a aidé, ou ce qui manque, avec le \
formulaire en bas de chaque page en ligne.
:::
""",
        },
        {
            "key": "emergency",
            "title": "Numéros d'urgence",
            "body": """\
Ces numéros sont **gratuits**, joignables jour et nuit, même sans crédit sur le téléphone.

:::emergency
15: SAMU – urgence médicale
17: Police – danger, violence, vol
18: Pompiers – incendie, accident
112: Numéro d'urgence européen
115: Hébergement d'urgence (Samu social)
114: Urgence par SMS, pour les personnes sourdes ou qui ne peuvent pas parler
119: Enfance en danger
3919: Violences faites aux femmes
:::

:::tip
Dites d'abord **où** vous êtes, puis **ce qui se passe**. Ne raccrochez pas avant qu'on vous \
le dise.
:::
""",
        },
        {
            "key": "addresses",
            "title": "Adresses utiles",
            "body": """\
Appelez avant de vous déplacer : les horaires changent parfois.

:::address
name: Préfecture – guichet unique des demandeurs d'asile (exemple)
address: 10 place de l'Exemple, 38000 Grenoble
hours: sur rendez-vous uniquement
languages: fr
phone: 04 65 71 00 10
:::

:::address
name: OFII – direction territoriale (exemple)
address: 20 rue Modèle, 38000 Grenoble
hours: lundi–vendredi 9:00–12:00 et 13:30–16:00
languages: fr, en
phone: 04 65 71 00 11
:::

:::address
name: CCAS – domiciliation (exemple)
address: 30 avenue de l'Exemple, 38100 Grenoble
hours: lundi, mardi et jeudi 8:30–12:00
languages: fr, ar
phone: 04 65 71 00 12
email: domiciliation@example.org
:::

:::address
name: Maison des habitants (exemple)
address: 40 rue Fictive, 38000 Grenoble
hours: mardi–samedi 10:00–18:00
languages: fr, ar, en, ti
phone: 04 65 71 00 13
website: https://example.org
:::
""",
        },
        {
            "key": "glossary",
            "title": "Glossaire",
            "body": """\
- **ADA** : allocation pour demandeur d'asile, versée par l'OFII.
- **CAF** : Caisse d'allocations familiales (aides au logement, RSA, allocations familiales).
- **CNDA** : Cour nationale du droit d'asile, où l'on fait un recours contre un refus de \
l'OFPRA.
- **CPAM** : Caisse primaire d'assurance maladie.
- **Domiciliation** : une adresse administrative pour recevoir le courrier.
- **GUDA** : guichet unique des demandeurs d'asile, à la préfecture.
- **OFII** : Office français de l'immigration et de l'intégration.
- **OFPRA** : Office français de protection des réfugiés et apatrides, qui décide de la \
demande d'asile.
- **PASS** : permanence d'accès aux soins de santé, à l'hôpital.
- **Récépissé** : document provisoire qui prouve qu'une demande est en cours.
- **SPADA** : structure de premier accueil des demandeurs d'asile.
""",
        },
    ],
}

# --- English -------------------------------------------------------------------------------------

EN = {
    "title": "Welcome to the metropolis",
    "sections": [
        {
            "key": "first_steps",
            "title": "First steps",
            "body": """\
Welcome! This booklet was written by people living in the metropolis, some who arrived \
recently and some long ago, with associations and public services. It gives the first useful \
information. It does not replace personal advice.

# The first three things to do

1. Find a place to sleep tonight: call **115** (free, day and night).
2. Get an address to receive your mail: this is called **domiciliation**. It is free at the \
municipal social services (CCAS) or at an approved association.
3. Go to the reception platform if you want to apply for asylum.

:::tip
Keep a **copy** (photo or photocopy) of every document. Never hand over your originals \
without a receipt.
:::

:::address
name: Day centre (example)
address: 3 place de l'Exemple, 38000 Grenoble
hours: Monday–Friday 8:30–12:00
languages: fr, ar, en, ti
phone: 04 65 71 00 01
:::
""",
        },
        {
            "key": "rights",
            "title": "Rights and procedures",
            "body": """\
# Applying for asylum

To apply for asylum, first go to the **reception platform for asylum seekers (SPADA)**. It \
registers your request and gives you an appointment at the **one-stop desk (GUDA)** of the \
prefecture. At the one-stop desk you receive an **asylum application certificate**: it is \
your residence document during the procedure.

Then you send your story to **OFPRA** within 21 days. OFPRA invites you to an interview. You \
have the right to an interpreter in your language.

- If OFPRA refuses, you can appeal to the **CNDA**, usually within one month.
- Always respect the deadlines: a letter that arrives too late can be refused.

:::tip
Open your mail every day. Invitations and decisions come by post.
:::

:::address
name: Reception platform for asylum seekers (example)
address: 12 rue de l'Exemple, 38000 Grenoble
hours: Monday–Friday 9:00–12:00
languages: fr, ar, en, ti, fa-af, ps
phone: 04 65 71 00 02
:::
""",
        },
        {
            "key": "legal_aid",
            "title": "Legal aid",
            "body": """\
You have the right to free help to understand your rights and prepare your procedures.

- The **legal advice desks** of associations help you write your story, prepare the \
interview and appeal.
- The **points-justice** give free and confidential advice.
- For an appeal to the CNDA, you can ask for **legal aid** (aide juridictionnelle): the \
State pays your lawyer.

:::address
name: Legal advice desk (example)
address: 5 avenue Modèle, 38100 Grenoble
hours: Tuesday and Thursday 14:00–17:00
languages: fr, en, ar
phone: 04 65 71 00 03
email: juridique@example.org
:::

:::tip
Bring all your papers, even those that seem unimportant. Write down the dates of your \
appointments.
:::
""",
        },
        {
            "key": "housing",
            "title": "Housing and emergency shelter",
            "body": """\
# Sleeping tonight

If you have nowhere to sleep, call **115**. The call is free, day and night. 115 looks for \
a place in a shelter. If no place is free, call again every day.

# During the asylum procedure

**OFII** can offer you a place in a centre for asylum seekers. If you refuse this place, you \
may lose your allowance.

# Afterwards

When you have a residence permit, you can apply for **social housing**. Social workers help \
you fill in the application.

:::tip
When it is very cold, extra places open. Call 115 even if you were told no the day before.
:::
""",
        },
        {
            "key": "health",
            "title": "Health",
            "body": """\
In France, everyone can receive medical care, with or without papers.

- In a medical emergency, call **15** (SAMU).
- If you have no health insurance, go to the **PASS** at the hospital: free consultations \
and medicines.
- **Universal health protection (PUMa)** and **complémentaire santé solidaire** pay for \
your care. Ask the CPAM for them.
- In the evening and at weekends, a **duty pharmacy** is always open.

:::address
name: Hospital PASS (example)
address: 1 boulevard de l'Exemple, 38700 La Tronche
hours: Monday–Friday 8:30–16:30
languages: fr, en
phone: 04 65 71 00 04
:::

:::tip
Medical confidentiality is protected: the doctor tells nothing about your health to the \
prefecture or the police. You can ask for an interpreter.
:::
""",
        },
        {
            "key": "money",
            "title": "Money and benefits",
            "body": """\
# The asylum seeker's allowance (ADA)

During the procedure, OFII may pay you the **ADA**. It comes on a payment card. The amount \
depends on your family and your accommodation.

# With protection

With refugee status or subsidiary protection, you can ask the **CAF** for the **RSA** (from \
the age of 25) and for **housing benefits**.

# Opening a bank account

Everyone who lives in France has the right to a bank account. If a bank refuses, ask for a \
refusal letter and go to the **Banque de France**: it names a bank that must open an \
account for you.

:::tip
Never give the PIN of your bank card, even to someone who says they work for an \
administration.
:::
""",
        },
        {
            "key": "french",
            "title": "Learning French",
            "body": """\
Speaking French helps with everything: appointments, work, your children's school, friends.

- With a residence permit, you sign the **republican integration contract (CIR)** with \
OFII: it includes free French lessons.
- **Associations** give free lessons to everyone, with or without papers.
- **Libraries** are free: books, computers, and often conversation groups.

:::address
name: French lessons for adults (example)
address: 8 rue Fictive, 38000 Grenoble
hours: Monday, Wednesday and Friday 9:30–11:30
languages: fr
phone: 04 65 71 00 05
:::

:::tip
Learning a language takes time. Speak French every day, even a little: at the market, at the \
library, with your neighbours.
:::
""",
        },
        {
            "key": "work",
            "title": "Work and training",
            "body": """\
Your right to work depends on your residence permit. Refugees and people with subsidiary \
protection can work straight away.

- **France Travail** helps you look for a job and a training course.
- The **missions locales** support young people aged 16 to 25.
- Have your diplomas recognised: **ENIC-NARIC** issues a certificate of comparability.

:::tip
Never work without a written contract. Keep your payslips: they prove your rights.
:::
""",
        },
        {
            "key": "school",
            "title": "Children and school",
            "body": """\
In France, education is **compulsory from 3 to 16** for all children, whatever papers the \
parents have. State school is free.

1. Register your child at the town hall (mairie) for nursery and primary school.
2. For a child over 11, go to the CIO (information and guidance centre).
3. Children who do not speak French yet have welcome classes (UPE2A).
4. School meals cost less when income is low: ask the town hall.

:::emergency
119: Children in danger (free, day and night)
:::

:::tip
You can ask for a meeting with the teacher, and come with someone who translates.
:::
""",
        },
        {
            "key": "transport",
            "title": "Transport",
            "body": """\
The metropolis has trams, buses and bicycles to rent.

- There is a **solidarity fare**: depending on your income, the pass costs less or is \
free. Ask for it with your certificate from the CAF or OFII.
- Always buy and validate a ticket: a fine costs much more than a ticket.
- Cycling is a simple and cheap way to get around. Associations repair bicycles for a small \
price.

:::tip
Transport apps give the times in real time.
:::
""",
        },
        {
            "key": "daily_life",
            "title": "Daily life",
            "body": """\
- **Shopping**: social grocery shops sell at low prices; the Restos du Cœur and other \
associations give out food aid.
- **Clothes**: charity clothes shops give clothes away or sell them cheaply.
- **Phone and Internet**: public places such as libraries offer free wifi and computers.
- **Waste**: sort glass, paper and packaging into the coloured bins.

:::tip
On Sundays many shops are closed. Markets take place in the morning.
:::
""",
        },
        {
            "key": "taking_part",
            "title": "Taking part",
            "body": """\
You have your place in the life of the metropolis, whatever your status.

- The **Agora** brings together people who arrived recently. It gives its opinion on how \
newcomers are welcomed and makes proposals.
- **Associations** are looking for volunteers: it is a good way to meet people and practise \
French.
- The community centres (maisons des habitants) offer free activities.

:::tip
This booklet is written with you. Tell us if a page helped you, or what is missing, with the \
form at the bottom of each page online.
:::
""",
        },
        {
            "key": "emergency",
            "title": "Emergency numbers",
            "body": """\
These numbers are **free** and answer day and night, even with no credit on your phone.

:::emergency
15: SAMU – medical emergency
17: Police – danger, violence, theft
18: Fire brigade – fire, accident
112: European emergency number
115: Emergency shelter (Samu social)
114: Emergency by SMS, for deaf people or people who cannot speak
119: Children in danger
3919: Violence against women
:::

:::tip
First say **where** you are, then **what is happening**. Do not hang up until you are told to.
:::
""",
        },
        {
            "key": "addresses",
            "title": "Useful addresses",
            "body": """\
Call before you go: opening hours sometimes change.

:::address
name: Prefecture – one-stop desk for asylum seekers (example)
address: 10 place de l'Exemple, 38000 Grenoble
hours: by appointment only
languages: fr
phone: 04 65 71 00 10
:::

:::address
name: OFII – regional office (example)
address: 20 rue Modèle, 38000 Grenoble
hours: Monday–Friday 9:00–12:00 and 13:30–16:00
languages: fr, en
phone: 04 65 71 00 11
:::

:::address
name: CCAS – domiciliation (example)
address: 30 avenue de l'Exemple, 38100 Grenoble
hours: Monday, Tuesday and Thursday 8:30–12:00
languages: fr, ar
phone: 04 65 71 00 12
email: domiciliation@example.org
:::

:::address
name: Community centre (example)
address: 40 rue Fictive, 38000 Grenoble
hours: Tuesday–Saturday 10:00–18:00
languages: fr, ar, en, ti
phone: 04 65 71 00 13
website: https://example.org
:::
""",
        },
        {
            "key": "glossary",
            "title": "Glossary",
            "body": """\
- **ADA**: asylum seeker's allowance, paid by OFII.
- **CAF**: family allowance fund (housing benefits, RSA, family allowances).
- **CNDA**: national court of asylum, where you appeal against a refusal by OFPRA.
- **CPAM**: health insurance fund.
- **Domiciliation**: an administrative address to receive mail.
- **GUDA**: one-stop desk for asylum seekers, at the prefecture.
- **OFII**: French office for immigration and integration.
- **OFPRA**: French office for the protection of refugees and stateless persons, which \
decides on the asylum application.
- **PASS**: health care access service, at the hospital.
- **Récépissé**: temporary document proving that an application is in progress.
- **SPADA**: first reception service for asylum seekers.
""",
        },
    ],
}

# --- Arabic ----------------------------------------------------------------------------------

AR = {
    "title": "مرحبًا بكم في المدينة الكبرى",
    "sections": [
        {
            "key": "first_steps",
            "title": "الخطوات الأولى",
            "body": """\
مرحبًا بكم! كتب هذا الدليلَ سكانٌ من المدينة، بعضهم وصل حديثًا وبعضهم منذ زمن طويل، مع \
جمعيات وخدمات عامة. يقدّم لكم أولى المعلومات المفيدة، لكنه لا يغني عن استشارة شخصية.

# أول ثلاثة أشياء يجب القيام بها

1. إيجاد مكان للنوم هذه الليلة: اتصلوا بالرقم **115** (مجاني، ليلًا ونهارًا).
2. الحصول على عنوان لاستلام البريد: يسمّى ذلك **domiciliation**، وهو مجاني في مركز العمل \
الاجتماعي البلدي (CCAS) أو في جمعية معتمدة.
3. الذهاب إلى منصة الاستقبال إذا أردتم طلب اللجوء.

:::tip
احتفظوا **بنسخة** (صورة أو نسخة ورقية) من كل وثيقة. لا تسلّموا وثائقكم الأصلية أبدًا من دون \
إيصال.
:::

:::address
name: مركز الاستقبال النهاري (مثال)
address: 3 place de l'Exemple, 38000 Grenoble
hours: من الاثنين إلى الجمعة 8:30–12:00
languages: fr, ar, en, ti
phone: 04 65 71 00 01
:::
""",
        },
        {
            "key": "rights",
            "title": "الحقوق والإجراءات",
            "body": """\
# طلب اللجوء

لطلب اللجوء، اذهبوا أولًا إلى **منصة استقبال طالبي اللجوء (SPADA)**. تسجّل المنصة طلبكم \
وتعطيكم موعدًا في **الشباك الموحّد (GUDA)** في المحافظة (préfecture). في الشباك الموحّد \
تحصلون على **شهادة طلب اللجوء**: وهي وثيقة إقامتكم طوال مدة الإجراءات.

بعد ذلك ترسلون قصتكم إلى **OFPRA** خلال 21 يومًا. يستدعيكم OFPRA إلى مقابلة. من حقكم \
الحصول على مترجم بلغتكم.

- إذا رفض OFPRA طلبكم، يمكنكم الطعن أمام **CNDA**، عادةً خلال شهر واحد.
- احترموا المواعيد النهائية دائمًا: قد تُرفض رسالة وصلت متأخرة.

:::tip
افتحوا بريدكم كل يوم. الاستدعاءات والقرارات تصل بالبريد.
:::

:::address
name: منصة استقبال طالبي اللجوء (مثال)
address: 12 rue de l'Exemple, 38000 Grenoble
hours: من الاثنين إلى الجمعة 9:00–12:00
languages: fr, ar, en, ti, fa-af, ps
phone: 04 65 71 00 02
:::
""",
        },
        {
            "key": "legal_aid",
            "title": "المساعدة القانونية",
            "body": """\
من حقكم الحصول على مساعدة مجانية لفهم حقوقكم وتحضير إجراءاتكم.

- **مكاتب الاستشارة القانونية** في الجمعيات تساعدكم على كتابة قصتكم والتحضير للمقابلة \
وتقديم الطعن.
- **نقاط العدالة (points-justice)** تقدّم نصائح مجانية وسرّية.
- للطعن أمام CNDA يمكنكم طلب **المساعدة القضائية (aide juridictionnelle)**: تدفع الدولة أتعاب \
المحامي.

:::address
name: مكتب الاستشارة القانونية (مثال)
address: 5 avenue Modèle, 38100 Grenoble
hours: الثلاثاء والخميس 14:00–17:00
languages: fr, en, ar
phone: 04 65 71 00 03
email: juridique@example.org
:::

:::tip
أحضروا كل أوراقكم، حتى التي تبدو لكم غير مهمة. دوّنوا تواريخ مواعيدكم.
:::
""",
        },
        {
            "key": "housing",
            "title": "السكن والإيواء الطارئ",
            "body": """\
# النوم هذه الليلة

إذا لم يكن لديكم مكان للنوم، اتصلوا بالرقم **115**. المكالمة مجانية ليلًا ونهارًا. يبحث 115 \
عن مكان في مركز إيواء. إذا لم يوجد مكان شاغر، اتصلوا من جديد كل يوم.

# خلال طلب اللجوء

يمكن أن يعرض عليكم **OFII** مكانًا في مركز لطالبي اللجوء. إذا رفضتم هذا المكان، قد تفقدون \
المنحة.

# بعد ذلك

عندما تحصلون على بطاقة إقامة، يمكنكم تقديم **طلب سكن اجتماعي**. يساعدكم العاملون \
الاجتماعيون على ملء الملف.

:::tip
عندما يشتدّ البرد تُفتح أماكن إضافية. اتصلوا بالرقم 115 حتى لو قيل لكم "لا" في اليوم السابق.
:::
""",
        },
        {
            "key": "health",
            "title": "الصحة",
            "body": """\
في فرنسا يحق لكل شخص أن يتلقى العلاج، سواء كانت لديه أوراق أم لا.

- في حالة طوارئ طبية، اتصلوا بالرقم **15** (SAMU).
- إذا لم يكن لديكم تأمين صحي، اذهبوا إلى **PASS** في المستشفى: استشارات وأدوية مجانية.
- **الحماية الصحية الشاملة (PUMa)** و**التأمين التكميلي التضامني (complémentaire santé \
solidaire)** يدفعان تكاليف علاجكم. اطلبوهما من CPAM.
- في المساء وفي عطلة نهاية الأسبوع، توجد دائمًا **صيدلية مناوبة** مفتوحة.

:::address
name: PASS في المستشفى (مثال)
address: 1 boulevard de l'Exemple, 38700 La Tronche
hours: من الاثنين إلى الجمعة 8:30–16:30
languages: fr, en
phone: 04 65 71 00 04
:::

:::tip
السرّ الطبي محميّ: لا يخبر الطبيب المحافظة ولا الشرطة بأي شيء عن صحتكم. يمكنكم طلب مترجم.
:::
""",
        },
        {
            "key": "money",
            "title": "المال والمساعدات",
            "body": """\
# منحة طالب اللجوء (ADA)

خلال الإجراءات، يمكن أن يدفع لكم OFII منحة **ADA**. تصل المنحة على بطاقة دفع، ويتوقف \
مبلغها على عائلتكم وعلى مكان إقامتكم.

# بعد الحصول على الحماية

مع صفة اللاجئ أو الحماية الفرعية، يمكنكم أن تطلبوا من **CAF** منحة **RSA** (ابتداءً من سن \
25) و**مساعدات السكن**.

# فتح حساب مصرفي

لكل شخص يقيم في فرنسا الحق في حساب مصرفي. إذا رفض مصرفٌ فتح الحساب، اطلبوا رسالة رفض \
واذهبوا إلى **Banque de France**: فهو يعيّن مصرفًا ملزمًا بفتح حساب لكم.

:::tip
لا تعطوا الرقم السرّي لبطاقتكم المصرفية لأي أحد، حتى لمن يقول إنه يعمل في إدارة رسمية.
:::
""",
        },
        {
            "key": "french",
            "title": "تعلّم اللغة الفرنسية",
            "body": """\
التحدث بالفرنسية يساعد في كل شيء: المواعيد، والعمل، ومدرسة الأطفال، والأصدقاء.

- عندما تحصلون على بطاقة إقامة، توقّعون مع OFII **عقد الاندماج الجمهوري (CIR)**: وهو يشمل \
دروسًا مجانية في اللغة الفرنسية.
- تقدّم **الجمعيات** دروسًا مجانية للجميع، سواء كانت لديهم أوراق أم لا.
- **المكتبات العامة** مجانية: كتب وحواسيب، وغالبًا ورشات للمحادثة.

:::address
name: دروس الفرنسية للكبار (مثال)
address: 8 rue Fictive, 38000 Grenoble
hours: الاثنين والأربعاء والجمعة 9:30–11:30
languages: fr
phone: 04 65 71 00 05
:::

:::tip
تعلّم لغة جديدة يحتاج إلى وقت. تحدّثوا بالفرنسية كل يوم ولو قليلًا: في السوق، وفي المكتبة، \
ومع جيرانكم.
:::
""",
        },
        {
            "key": "work",
            "title": "العمل والتدريب",
            "body": """\
يتوقف حق العمل على نوع بطاقة إقامتكم. يستطيع اللاجئون والمستفيدون من الحماية الفرعية العمل \
فورًا.

- **France Travail** تساعد في البحث عن عمل وعن تدريب مهني.
- **missions locales** ترافق الشباب من 16 إلى 25 سنة.
- اطلبوا الاعتراف بشهاداتكم: يصدر **ENIC-NARIC** شهادة مقارنة.

:::tip
لا تعملوا أبدًا من دون عقد مكتوب. احتفظوا بكشوف رواتبكم: فهي تثبت حقوقكم.
:::
""",
        },
        {
            "key": "school",
            "title": "الأطفال والمدرسة",
            "body": """\
في فرنسا التعليم **إلزامي من 3 إلى 16 سنة** لجميع الأطفال، مهما كانت أوراق الوالدين. \
المدرسة الحكومية مجانية.

1. سجّلوا طفلكم في البلدية (mairie) لروضة الأطفال والمدرسة الابتدائية.
2. للطفل الذي تجاوز 11 سنة، اذهبوا إلى CIO (مركز الإعلام والتوجيه).
3. للأطفال الذين لا يتكلمون الفرنسية بعدُ صفوف استقبال خاصة (UPE2A).
4. تكلفة المطعم المدرسي أقل عندما يكون الدخل منخفضًا: اسألوا البلدية.

:::emergency
119: الأطفال في خطر (مجاني، ليلًا ونهارًا)
:::

:::tip
يمكنكم طلب موعد مع المعلّم، والحضور مع شخص يترجم لكم.
:::
""",
        },
        {
            "key": "transport",
            "title": "المواصلات",
            "body": """\
في المدينة شبكة من الترام والحافلات والدراجات للإيجار.

- توجد **تعرفة تضامنية**: حسب دخلكم يكون الاشتراك أرخص أو مجانيًا. اطلبوها مع شهادتكم من \
CAF أو من OFII.
- اشتروا تذكرة دائمًا وفعّلوها: الغرامة أغلى بكثير من التذكرة.
- الدراجة وسيلة بسيطة ورخيصة للتنقل. تصلح بعض الجمعيات الدراجات بسعر زهيد.

:::tip
تطبيقات النقل تعطي المواعيد في الوقت الحقيقي.
:::
""",
        },
        {
            "key": "daily_life",
            "title": "الحياة اليومية",
            "body": """\
- **التسوّق**: البقالات التضامنية تبيع بأسعار منخفضة، وتوزّع جمعية Restos du Cœur وجمعيات \
أخرى مساعدات غذائية.
- **الملابس**: محلات الملابس التضامنية تعطي الملابس مجانًا أو تبيعها بسعر زهيد.
- **الهاتف والإنترنت**: أماكن عامة مثل المكتبات توفّر الإنترنت اللاسلكي والحواسيب مجانًا.
- **النفايات**: افرزوا الزجاج والورق والعلب في الحاويات الملوّنة.

:::tip
يوم الأحد تكون محلات كثيرة مغلقة. الأسواق تُقام في الصباح.
:::
""",
        },
        {
            "key": "taking_part",
            "title": "المشاركة",
            "body": """\
لكم مكانكم في حياة المدينة، مهما كان وضعكم القانوني.

- **الأغورا (Agora)** تجمع سكانًا وصلوا حديثًا. تبدي رأيها في استقبال القادمين الجدد في \
المدينة وتقدّم اقتراحات.
- **الجمعيات** تبحث عن متطوعين: إنها طريقة جيدة للتعرّف على الناس وممارسة الفرنسية.
- دور السكان (maisons des habitants) تقدّم أنشطة مجانية.

:::tip
هذا الدليل يُكتب معكم. أخبرونا إذا ساعدتكم صفحة ما، أو بما ينقصها، عبر الاستمارة في أسفل كل \
صفحة على الإنترنت.
:::
""",
        },
        {
            "key": "emergency",
            "title": "أرقام الطوارئ",
            "body": """\
هذه الأرقام **مجانية** وتجيب ليلًا ونهارًا، حتى من دون رصيد في الهاتف.

:::emergency
15: SAMU – طوارئ طبية
17: الشرطة – خطر، عنف، سرقة
18: الإطفاء – حريق، حادث
112: رقم الطوارئ الأوروبي
115: الإيواء الطارئ (Samu social)
114: الطوارئ عبر الرسائل القصيرة، للصمّ أو لمن لا يستطيع الكلام
119: الأطفال في خطر
3919: العنف ضد النساء
:::

:::tip
قولوا أولًا **أين** أنتم، ثم **ماذا** يحدث. لا تغلقوا الخط حتى يُطلب منكم ذلك.
:::
""",
        },
        {
            "key": "addresses",
            "title": "عناوين مفيدة",
            "body": """\
اتصلوا قبل الذهاب: مواعيد العمل تتغيّر أحيانًا.

:::address
name: المحافظة – الشباك الموحّد لطالبي اللجوء (مثال)
address: 10 place de l'Exemple, 38000 Grenoble
hours: بموعد مسبق فقط
languages: fr
phone: 04 65 71 00 10
:::

:::address
name: OFII – المديرية الإقليمية (مثال)
address: 20 rue Modèle, 38000 Grenoble
hours: من الاثنين إلى الجمعة 9:00–12:00 و13:30–16:00
languages: fr, en
phone: 04 65 71 00 11
:::

:::address
name: CCAS – عنوان البريد الإداري (مثال)
address: 30 avenue de l'Exemple, 38100 Grenoble
hours: الاثنين والثلاثاء والخميس 8:30–12:00
languages: fr, ar
phone: 04 65 71 00 12
email: domiciliation@example.org
:::

:::address
name: دار السكان (مثال)
address: 40 rue Fictive, 38000 Grenoble
hours: من الثلاثاء إلى السبت 10:00–18:00
languages: fr, ar, en, ti
phone: 04 65 71 00 13
website: https://example.org
:::
""",
        },
        {
            "key": "glossary",
            "title": "معجم المصطلحات",
            "body": """\
- **ADA**: منحة طالب اللجوء، يدفعها OFII.
- **CAF**: صندوق المخصصات العائلية (مساعدات السكن، RSA، المخصصات العائلية).
- **CNDA**: المحكمة الوطنية لحق اللجوء، حيث يُقدَّم الطعن في رفض OFPRA.
- **CPAM**: الصندوق الأساسي للتأمين الصحي.
- **Domiciliation**: عنوان إداري لاستلام البريد.
- **GUDA**: الشباك الموحّد لطالبي اللجوء، في المحافظة.
- **OFII**: المكتب الفرنسي للهجرة والاندماج.
- **OFPRA**: المكتب الفرنسي لحماية اللاجئين وعديمي الجنسية، وهو الذي يقرّر في طلب اللجوء.
- **PASS**: خدمة الحصول على العلاج في المستشفى.
- **Récépissé**: وثيقة مؤقتة تثبت أن الطلب قيد الدراسة.
- **SPADA**: هيئة الاستقبال الأول لطالبي اللجوء.
""",
        },
    ],
}

# --- Tigrinya --------------------------------------------------------------------------------

TI = {
    "title": "እንቋዕ ናብ ዓባይ ከተማ ብደሓን መጻእኩም",
    "sections": [
        {
            "key": "first_steps",
            "title": "ቀዳሞት ስጉምትታት",
            "body": """\
እንቋዕ ብደሓን መጻእኩም! እዚ መጽሓፍ ብነበርቲ እዛ ከተማ፣ ምስ ማሕበራትን ህዝባዊ ኣገልግሎታትን \
ተጻሒፉ። ናይ መጀመርታ ጠቓሚ ሓበሬታ ይህበኩም። ንውልቃዊ ምኽሪ ግን ኣይትክእን።

# ፈለማ እትገብርዎም ሰለስተ ነገራት

1. ሎሚ ምሸት እትድቅሱሉ ቦታ ድለዩ፦ ናብ **115** ደውሉ (ብናጻ፣ መዓልትን ለይትን)።
2. ደብዳቤ እትቕበሉሉ ኣድራሻ ይሃልወኩም፦ እዚ **domiciliation** ይበሃል። ኣብ CCAS ወይ ኣብ ፍቑድ \
ማሕበር ብናጻ እዩ።
3. ዑቕባ ክትሓቱ እንተደሊኹም፣ ናብ መቐበሊ ሓተትቲ ዑቕባ ኪዱ።

:::tip
ናይ ነፍሲ ወከፍ ሰነድ **ቅዳሕ** (ስእሊ ወይ ፎቶኮፒ) ሓዙ። ኦሪጅናል ሰነዳትኩም ብዘይ ቅብሊት ንማንም \
ኣይትሃቡ።
:::

:::address
name: ናይ መዓልቲ መቐበሊ ማእከል (ኣብነት)
address: 3 place de l'Exemple, 38000 Grenoble
hours: ሰኑይ–ዓርቢ 8:30–12:00
languages: fr, ar, en, ti
phone: 04 65 71 00 01
:::
""",
        },
        {
            "key": "rights",
            "title": "መሰላትን መስርሕን",
            "body": """\
# ዑቕባ ምሕታት

ዑቕባ ንምሕታት፣ መጀመርታ ናብ **መቐበሊ ሓተትቲ ዑቕባ (SPADA)** ኪዱ። ንሳቶም ሕቶኹም ይምዝግቡ፣ \
ኣብ ፕረፌክቱር ድማ ምስ **ሓደ መስኮት (GUDA)** ቆጸራ ይህቡኹም። ኣብ GUDA **ናይ ሕቶ ዑቕባ ምስክር \
ወረቐት** ትቕበሉ፦ ኣብ እዋን መስርሕ ናይ መንበሪ ሰነድኩም እዩ።

ድሕሪኡ ታሪኽኩም ኣብ ውሽጢ 21 መዓልቲ ናብ **OFPRA** ትልእኩ። OFPRA ናብ ቃለ-መሕትት ይጽውዓኩም። \
ብቋንቋኹም ተርጓማይ ናይ ምርካብ መሰል ኣለኩም።

- OFPRA እንተ ኣበየ፣ ብልሙድ ኣብ ውሽጢ ሓደ ወርሒ ናብ **CNDA** ይግባይ ክትብሉ ትኽእሉ ኢኹም።
- ግዜ ገደብ ኩሉ ግዜ ኣኽብሩ፦ ደንጕዩ ዝበጽሐ ደብዳቤ ክንጸግ ይኽእል።

:::tip
ደብዳቤኹም መዓልቲ መዓልቲ ርኣዩ። ጻውዒታትን ውሳነታትን ብፖስታ እዮም ዝመጹ።
:::

:::address
name: መቐበሊ ሓተትቲ ዑቕባ (ኣብነት)
address: 12 rue de l'Exemple, 38000 Grenoble
hours: ሰኑይ–ዓርቢ 9:00–12:00
languages: fr, ar, en, ti, fa-af, ps
phone: 04 65 71 00 02
:::
""",
        },
        {
            "key": "legal_aid",
            "title": "ሕጋዊ ሓገዝ",
            "body": """\
መሰላትኩም ንምርዳእን መስርሕኩም ንምድላውን ብናጻ ሓገዝ ናይ ምርካብ መሰል ኣለኩም።

- **ናይ ማሕበራት ሕጋዊ ምኽሪ** ታሪኽኩም ንምጽሓፍ፣ ንቃለ-መሕትት ንምድላውን ይግባይ ንምባልን \
ይሕግዘኩም።
- **Points-justice** ብናጻን ብምስጢርን ምኽሪ ይህቡ።
- ናብ CNDA ይግባይ እንተ ኢልኩም፣ **ሕጋዊ ሓገዝ (aide juridictionnelle)** ክትሓቱ ትኽእሉ ኢኹም፦ \
መንግስቲ ንጠበቓኹም ይኸፍሎ።

:::address
name: ሕጋዊ ምኽሪ (ኣብነት)
address: 5 avenue Modèle, 38100 Grenoble
hours: ሰሉስን ሓሙስን 14:00–17:00
languages: fr, en, ar
phone: 04 65 71 00 03
email: juridique@example.org
:::

:::tip
ኩሉ ወረቐታትኩም ኣምጽኡ፣ ኣገዳሲ ዘይመስል እውን እንተኾነ። ዕለታት ቆጸራታትኩም ጽሓፉ።
:::
""",
        },
        {
            "key": "housing",
            "title": "መንበሪ ገዛን ህጹጽ መዕቆብን",
            "body": """\
# ሎሚ ምሸት ምድቃስ

እትድቅሱሉ ቦታ እንተዘይብልኩም፣ ናብ **115** ደውሉ። እቲ ጻውዒት መዓልትን ለይትን ብናጻ እዩ። 115 ኣብ \
መዕቆቢ ማእከል ቦታ ይደሊ። ቦታ እንተዘይተረኽበ፣ መዓልቲ መዓልቲ ደጊምኩም ደውሉ።

# ኣብ እዋን ሕቶ ዑቕባ

**OFII** ኣብ ማእከል ሓተትቲ ዑቕባ ቦታ ክህበኩም ይኽእል። ነዚ ቦታ እንተ ኣበኹም፣ ነቲ ሓገዝ ገንዘብ \
ክትስእንዎ ትኽእሉ ኢኹም።

# ድሕሪኡ

ፍቓድ መንበሪ ምስ ረኸብኩም፣ **ማሕበራዊ ገዛ** ክትሓቱ ትኽእሉ ኢኹም። ማሕበራዊ ሰራሕተኛታት ነቲ \
ፎርም ንምምላእ ይሕግዙኹም።

:::tip
ብርቱዕ ቁሪ ኣብ ዝኾነሉ እዋን፣ ተወሰኽቲ ቦታታት ይኽፈቱ። ትማሊ "የለን" እንተ ተባሂልኩም እውን ናብ \
115 ደውሉ።
:::
""",
        },
        {
            "key": "health",
            "title": "ጥዕና",
            "body": """\
ኣብ ፈረንሳ ኩሉ ሰብ፣ ወረቐት ሃለዎ ኣይሃለዎ፣ ሕክምና ክረክብ ይኽእል።

- ህጹጽ ሕክምና እንተ ኣድልዩ፣ ናብ **15** (SAMU) ደውሉ።
- ናይ ሕክምና መድሕን እንተዘይብልኩም፣ ናብ **PASS** ናይ ሆስፒታል ኪዱ፦ ምርመራን መድሃኒትን ብናጻ እዩ።
- **PUMa** ከምኡ'ውን **complémentaire santé solidaire** ናይ ሕክምና ወጻኢታትኩም ይኸፍሉ። ካብ \
CPAM ሕተትዎም።
- ምሸትን ቀዳም ሰንበትን፣ ወትሩ ክፉት **ፋርማሲ** (pharmacie de garde) ኣሎ።

:::address
name: PASS ናይ ሆስፒታል (ኣብነት)
address: 1 boulevard de l'Exemple, 38700 La Tronche
hours: ሰኑይ–ዓርቢ 8:30–16:30
languages: fr, en
phone: 04 65 71 00 04
:::

:::tip
ምስጢር ሕክምና ሕሉው እዩ፦ ሓኪም ብዛዕባ ጥዕናኹም ንፕረፌክቱር ወይ ንፖሊስ ዋላ ሓንቲ ኣይነግርን። \
ተርጓማይ ክትሓቱ ትኽእሉ ኢኹም።
:::
""",
        },
        {
            "key": "money",
            "title": "ገንዘብን ሓገዛትን",
            "body": """\
# ንሓተትቲ ዑቕባ ዝወሃብ ሓገዝ ገንዘብ (ADA)

ኣብ እዋን መስርሕ፣ OFII **ADA** ክኸፍለኩም ይኽእል። ብካርድ ክፍሊት እዩ ዝመጽእ። መጠኑ ከም \
ስድራኹምን መንበሪኹምን ይፈላለ።

# ሓለዋ ምስ ረኸብኩም

ናይ ስደተኛ ኩነታት ወይ ንኡስ ሓለዋ (protection subsidiaire) ምስ ረኸብኩም፣ ካብ **CAF** \
**RSA** (ካብ 25 ዓመት ንላዕሊ) ከምኡ'ውን **ሓገዝ ገዛ** ክትሓቱ ትኽእሉ ኢኹም።

# ናይ ባንክ ሕሳብ ምኽፋት

ኣብ ፈረንሳ ዝነብር ዝኾነ ሰብ ናይ ባንክ ሕሳብ ናይ ምህላው መሰል ኣለዎ። ባንክ እንተ ኣበየ፣ ናይ ምእባይ \
ደብዳቤ ሕተቱ እሞ ናብ **Banque de France** ኪዱ፦ ሕሳብ ክኸፍተልኩም ዝግደድ ባንክ ይመርጽ።

:::tip
ምስጢራዊ ቁጽሪ ናይ ባንክ ካርድኩም ንማንም ኣይትሃቡ፣ ካብ መንግስቲ እየ ዝብል ሰብ እውን እንተኾነ።
:::
""",
        },
        {
            "key": "french",
            "title": "ፈረንሳይኛ ምምሃር",
            "body": """\
ፈረንሳይኛ ምዝራብ ንኹሉ ይሕግዝ፦ ንቆጸራታት፣ ንስራሕ፣ ንቤት ትምህርቲ ደቅኹም፣ ንመሓዙት።

- ፍቓድ መንበሪ ምስ ረኸብኩም፣ ምስ OFII **ውዕል ምውህሃድ (CIR)** ትፍርሙ፦ ብናጻ ትምህርቲ \
ፈረንሳይኛ ኣለዎ።
- **ማሕበራት** ንኹሉ ሰብ፣ ወረቐት ሃለዎ ኣይሃለዎ፣ ብናጻ ትምህርቲ ይህባ።
- **ቤተ-መጻሕፍቲ** ብናጻ እየን፦ መጻሕፍቲ፣ ኮምፒተራት፣ ብዙሕ ግዜ ድማ ናይ ዘተ ኣኼባታት።

:::address
name: ትምህርቲ ፈረንሳይኛ ንዓበይቲ (ኣብነት)
address: 8 rue Fictive, 38000 Grenoble
hours: ሰኑይ፣ ረቡዕን ዓርብን 9:30–11:30
languages: fr
phone: 04 65 71 00 05
:::

:::tip
ቋንቋ ምምሃር ግዜ ይወስድ። መዓልቲ መዓልቲ ቁሩብ እንተኾነ ፈረንሳይኛ ተዛረቡ፦ ኣብ ዕዳጋ፣ ኣብ \
ቤተ-መጻሕፍቲ፣ ምስ ጎረባብትኹም።
:::
""",
        },
        {
            "key": "work",
            "title": "ስራሕን ስልጠናን",
            "body": """\
ናይ ምስራሕ መሰል ኣብ ፍቓድ መንበሪኹም ይምርኮስ። ስደተኛታትን ንኡስ ሓለዋ ዝረኸቡን ብቐጥታ ክሰርሑ \
ይኽእሉ።

- **France Travail** ስራሕን ስልጠናን ንምድላይ ይሕግዝ።
- **Missions locales** ንመንእሰያት ካብ 16 ክሳብ 25 ዓመት ይሕግዛ።
- ዲፕሎማታትኩም ከም ዝፍለጡ ግበሩ፦ **ENIC-NARIC** ናይ ምንጽጻር ምስክር ወረቐት ይህብ።

:::tip
ብዘይ ጽሑፍ ውዕል ፈጺምኩም ኣይትስርሑ። ናይ ደሞዝ ወረቐታትኩም (fiches de paie) ሓዙ፦ መሰላትኩም \
የረጋግጻ እየን።
:::
""",
        },
        {
            "key": "school",
            "title": "ቆልዑን ቤት ትምህርትን",
            "body": """\
ኣብ ፈረንሳ፣ ወለዲ ወረቐት ሃለዎም ኣይሃለዎም፣ ትምህርቲ **ካብ 3 ክሳብ 16 ዓመት** ንኹሎም ቆልዑ \
ግዴታ እዩ። ህዝባዊ ቤት ትምህርቲ ብናጻ እዩ።

1. ንውላድኩም ኣብ ምምሕዳር ከተማ (mairie) ንመዋእለ ህጻናትን ቀዳማይ ደረጃን ኣመዝግብዎ።
2. ልዕሊ 11 ዓመት ዝዕድሜኡ ቆልዓ እንተሃልዩ፣ ናብ CIO ኪዱ።
3. ፈረንሳይኛ ገና ዘይዛረቡ ቆልዑ ፍሉይ ክፍሊ (UPE2A) ኣለዎም።
4. ኣታዊኹም ትሑት እንተኾይኑ ዋጋ መግቢ ቤት ትምህርቲ ይንኪ፦ ንምምሕዳር ከተማ ሕተቱ።

:::emergency
119: ኣብ ሓደጋ ዘለዉ ቆልዑ (ብናጻ፣ መዓልትን ለይትን)
:::

:::tip
ምስ መምህር ቆጸራ ክትሓቱ፣ ዝትርጉም ሰብ ሒዝኩም ድማ ክትመጹ ትኽእሉ ኢኹም።
:::
""",
        },
        {
            "key": "transport",
            "title": "መጓዓዝያ",
            "body": """\
ኣብዛ ከተማ ትራም፣ ኣውቶቡስን ብክራይ ዝወሃብ ብሽክለታን ኣሎ።

- **ማሕበራዊ ዋጋ** ኣሎ፦ ከም ኣታዊኹም፣ ወርሓዊ ካርድ ዝሓሰረ ወይ ብናጻ ይኸውን። ብምስክር ወረቐት \
CAF ወይ OFII ሕተትዎ።
- ወትሩ ቲኬት ግዝኡን ኣረጋግጽዎን፦ መቕጻዕቲ ካብ ቲኬት ብዙሕ ይኸቢ።
- ብሽክለታ ቀሊልን ሕሱርን መጓዓዝያ እያ። ገለ ማሕበራት ብሕሱር ዋጋ ብሽክለታ ይጽግና።

:::tip
ናይ መጓዓዝያ ኣፕሊኬሽናት ሰዓታት ብቐጥታ የርእዩ።
:::
""",
        },
        {
            "key": "daily_life",
            "title": "ዕለታዊ ናብራ",
            "body": """\
- **ዕዳጋ**፦ ማሕበራዊ ድኳናት (épiceries solidaires) ብሕሱር ዋጋ ይሸጣ፤ Restos du Cœur ከምኡ'ውን \
ካልኦት ማሕበራት ሓገዝ መግቢ ይዕድላ።
- **ክዳውንቲ**፦ ማሕበራዊ ድኳናት ክዳውንቲ ብናጻ ወይ ብሕሱር ዋጋ ይህባ።
- **ተሌፎንን ኢንተርነትን**፦ ከም ቤተ-መጻሕፍቲ ዝኣመሰሉ ህዝባዊ ቦታታት ብናጻ wifiን ኮምፒተርን ይህቡ።
- **ጓሓፍ**፦ ብርጭቆ፣ ወረቐትን መጠቕለሊን ፈላሊኹም ኣብቶም ሕብሪ ዘለዎም ሳጹናት ኣቐምጡ።

:::tip
ሰንበት ብዙሓት ድኳናት ዕጹዋት እየን። ዕዳጋታት ንግሆ እዮም ዝካየዱ።
:::
""",
        },
        {
            "key": "taking_part",
            "title": "ምስታፍ",
            "body": """\
ኩነታትኩም ብዘየገድስ፣ ኣብ ህይወት እዛ ከተማ ቦታ ኣለኩም።

- **ኣጎራ (Agora)** ቀረባ እዋን ዝመጹ ነበርቲ ትእክብ። ብዛዕባ ኣቀባብላ ሓደስቲ መጻእቲ ርእይቶኣ ትህብ፣ \
ሓሳባት ድማ ተቕርብ።
- **ማሕበራት** ወለንተኛታት ይደልያ፦ ሰባት ንምፍላጥን ፈረንሳይኛ ንምልምማድን ጽቡቕ መገዲ እዩ።
- ገዛውቲ ነበርቲ (maisons des habitants) ብናጻ ንጥፈታት የዳልዉ።

:::tip
እዚ መጽሓፍ ምሳኹም እዩ ዝጽሓፍ። ሓደ ገጽ እንተ ሓጊዙኩም ወይ እንታይ ከም ዝጎድል፣ ኣብ ታሕቲ ነፍሲ \
ወከፍ ገጽ ኣብ ኢንተርነት ዘሎ ፎርም ተጠቒምኩም ንገሩና።
:::
""",
        },
        {
            "key": "emergency",
            "title": "ህጹጽ ቁጽርታት ተሌፎን",
            "body": """\
እዞም ቁጽርታት **ብናጻ** እዮም፣ መዓልትን ለይትን ይምልሱ፣ ኣብ ተሌፎንኩም ክሬዲት እንተዘይብልኩም እውን።

:::emergency
15: SAMU – ህጹጽ ሕክምና
17: ፖሊስ – ሓደጋ፣ ዓመጽ፣ ስርቂ
18: ሓዊ ጠፋእቲ – ሓዊ፣ ሓደጋ
112: ናይ ኤውሮጳ ህጹጽ ቁጽሪ
115: ህጹጽ መዕቆቢ (Samu social)
114: ህጹጽ ብSMS፣ ንጽሙማን ወይ ክዛረቡ ንዘይክእሉ
119: ኣብ ሓደጋ ዘለዉ ቆልዑ
3919: ኣብ ልዕሊ ደቂ ኣንስትዮ ዝፍጸም ዓመጽ
:::

:::tip
መጀመርታ **ኣበይ** ከም ዘለኹም፣ ድሕሪኡ **እንታይ** ይኸውን ከም ዘሎ ንገሩ። ክሳብ ዝንገረኩም ተሌፎን \
ኣይትዕጽዉ።
:::
""",
        },
        {
            "key": "addresses",
            "title": "ጠቐምቲ ኣድራሻታት",
            "body": """\
ቅድሚ ምኻድኩም ደውሉ፦ ሰዓታት ስራሕ ሓደ ሓደ ግዜ ይቕየሩ።

:::address
name: ፕረፌክቱር – ሓደ መስኮት ንሓተትቲ ዑቕባ (ኣብነት)
address: 10 place de l'Exemple, 38000 Grenoble
hours: ብቆጸራ ጥራይ
languages: fr
phone: 04 65 71 00 10
:::

:::address
name: OFII – ዞባዊ ቤት ጽሕፈት (ኣብነት)
address: 20 rue Modèle, 38000 Grenoble
hours: ሰኑይ–ዓርቢ 9:00–12:00ን 13:30–16:00ን
languages: fr, en
phone: 04 65 71 00 11
:::

:::address
name: CCAS – ናይ ደብዳቤ ኣድራሻ (ኣብነት)
address: 30 avenue de l'Exemple, 38100 Grenoble
hours: ሰኑይ፣ ሰሉስን ሓሙስን 8:30–12:00
languages: fr, ar
phone: 04 65 71 00 12
email: domiciliation@example.org
:::

:::address
name: ገዛ ነበርቲ (ኣብነት)
address: 40 rue Fictive, 38000 Grenoble
hours: ሰሉስ–ቀዳም 10:00–18:00
languages: fr, ar, en, ti
phone: 04 65 71 00 13
website: https://example.org
:::
""",
        },
        {
            "key": "glossary",
            "title": "መዝገበ ቃላት",
            "body": """\
- **ADA**፦ ንሓተትቲ ዑቕባ ዝወሃብ ሓገዝ ገንዘብ፣ ብOFII ዝኽፈል።
- **CAF**፦ ትካል ሓገዝ ስድራቤት (ሓገዝ ገዛ፣ RSA፣ ሓገዝ ስድራቤት)።
- **CNDA**፦ ሃገራዊ ቤት ፍርዲ ዑቕባ፣ OFPRA እንተ ኣበየ ይግባይ ዝበሃለሉ።
- **CPAM**፦ ትካል ናይ ሕክምና መድሕን።
- **Domiciliation**፦ ደብዳቤ ንምቕባል ዝጠቅም ምምሕዳራዊ ኣድራሻ።
- **GUDA**፦ ኣብ ፕረፌክቱር ዘሎ ሓደ መስኮት ንሓተትቲ ዑቕባ።
- **OFII**፦ ፈረንሳዊ ቤት ጽሕፈት ስደትን ምውህሃድን።
- **OFPRA**፦ ፈረንሳዊ ቤት ጽሕፈት ሓለዋ ስደተኛታትን ዜግነት ዘይብሎምን፣ ኣብ ሕቶ ዑቕባ ዝውስን።
- **PASS**፦ ኣብ ሆስፒታል ዘሎ ናይ ሕክምና ኣገልግሎት ንዘይብሎም መድሕን።
- **Récépissé**፦ ሕቶ ይርአ ከም ዘሎ ዘረጋግጽ ግዝያዊ ሰነድ።
- **SPADA**፦ ናይ መጀመርታ መቐበሊ ሓተትቲ ዑቕባ።
""",
        },
    ],
}

BOOKLET = {"fr": FR, "ar": AR, "en": EN, "ti": TI}


def sections(language: str) -> list[tuple[str, str, str]]:
    """``(key, title, body)`` of each section of the demo booklet in ``language``."""
    return [(s["key"], s["title"], s["body"]) for s in BOOKLET[language]["sections"]]
