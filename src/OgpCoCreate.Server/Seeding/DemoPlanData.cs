// Demo data modelled on Tunisia's fifth Open Government Partnership national action plan (PAN5-OGP, 2023-2025):
// its four axes, its co-creation calendar (online consultation 8 Feb - 9 May 2023, 320+ proposals presented at the
// workshop of 12 May 2023, commitment-form workshop of 20 Sep 2023) and its fifteen commitments.
// Commitment titles and texts are paraphrased, not quoted; institution assignments, milestones, dates and
// baselines are partly illustrative, and no budget figure is claimed (amounts are left unset "to be confirmed").
// Long texts are written in French for most commitments, in Arabic for 2, 5 and 11 and in English for 9 and 14,
// as a realistic mix for a Tunisian co-creation workspace.

using OgpCoCreate.Commitments;
using OgpCoCreate.Common;
using OgpCoCreate.Institutions;
using OgpCoCreate.Plans;
using CommitmentEntry = (
    string Id,
    OgpCoCreate.Commitments.CommitmentDetails Details,
    System.Collections.Generic.IReadOnlyDictionary<string, string> Texts);

namespace OgpCoCreate.Seeding;

public static class DemoPlanData
{
    public const string PlanId = "tn-nap5";

    private const string Axis1 = "axis-1";
    private const string Axis2 = "axis-2";
    private const string Axis3 = "axis-3";
    private const string Axis4 = "axis-4";

    // ------------------------------------------------------------------------------------------------------------
    // Plan
    // ------------------------------------------------------------------------------------------------------------

    public static PlanDefinition Plan { get; } = new(
        Country: "Tunisia",
        Title: new LocalizedText(
            "خطة العمل الوطنية الخامسة لشراكة الحكومة المفتوحة 2023-2025",
            "Cinquième plan d'action national du Partenariat pour un Gouvernement Ouvert 2023-2025",
            "Fifth National Action Plan of the Open Government Partnership 2023-2025"),
        Start: D(2023, 1, 1),
        End: D(2025, 12, 31),
        Axes:
        [
            new PlanAxis(Axis1, new LocalizedText(
                "الشفافية وحوكمة الموارد الطبيعية",
                "Transparence et gouvernance des ressources naturelles",
                "Transparency and governance of natural resources")),
            new PlanAxis(Axis2, new LocalizedText(
                "المشاركة العامة والحكومة المفتوحة على المستوى المحلي",
                "Participation publique et gouvernement ouvert au niveau local",
                "Public participation and open government at the local level")),
            new PlanAxis(Axis3, new LocalizedText(
                "المساءلة والنزاهة في القطاع العام",
                "Redevabilité et intégrité dans le secteur public",
                "Public accountability and integrity")),
            new PlanAxis(Axis4, new LocalizedText(
                "تطوير الخدمات الإدارية ورقمنتها",
                "Développement et digitalisation des services administratifs",
                "Development and digitalisation of administrative services")),
        ],
        // The first phase and the two workshops are dated from the E-Government Unit's published account;
        // the later boundaries (consultation, validation, adoption) are approximate.
        Timeline:
        [
            new TimelinePhase("outreach", new LocalizedText(
                    "الإعلان عن المسار والاستشارة العمومية وتجميع المقترحات",
                    "Lancement, consultation publique et collecte des propositions",
                    "Launch, public consultation and collection of proposals"),
                D(2023, 2, 8), D(2023, 5, 12)),
            new TimelinePhase("drafting", new LocalizedText(
                    "فرز المقترحات وصياغة بطاقات الالتزامات",
                    "Tri des propositions et rédaction des fiches d'engagement",
                    "Sorting proposals and drafting commitment forms"),
                D(2023, 5, 13), D(2023, 9, 20)),
            new TimelinePhase("consultation", new LocalizedText(
                    "الاستشارة حول مشروع خطة العمل",
                    "Consultation sur le projet de plan d'action",
                    "Consultation on the draft action plan"),
                D(2023, 9, 21), D(2023, 10, 31)),
            new TimelinePhase("validation", new LocalizedText(
                    "المصادقة من قبل اللجنة الاستشارية المشتركة",
                    "Validation par le comité consultatif mixte",
                    "Validation by the Joint Advisory Committee"),
                D(2023, 11, 1), D(2023, 11, 30)),
            new TimelinePhase("adoption", new LocalizedText(
                    "اعتماد الخطة من قبل الحكومة وإيداعها لدى شراكة الحكومة المفتوحة",
                    "Adoption par le gouvernement et dépôt auprès du PGO",
                    "Adoption by the government and submission to OGP"),
                D(2023, 12, 1), D(2023, 12, 31)),
            new TimelinePhase("implementation", new LocalizedText(
                    "تنفيذ الالتزامات ومتابعتها",
                    "Mise en œuvre et suivi des engagements",
                    "Implementation and monitoring of commitments"),
                D(2024, 1, 1), D(2025, 10, 31)),
            new TimelinePhase("closure", new LocalizedText(
                    "التقييم الذاتي النهائي وإغلاق الخطة",
                    "Auto-évaluation finale et clôture du plan",
                    "End-of-term self-assessment and closure"),
                D(2025, 11, 1), D(2025, 12, 31)),
        ]);

    // ------------------------------------------------------------------------------------------------------------
    // Institutions (declared before Forum, which reads their names)
    // ------------------------------------------------------------------------------------------------------------

    public static IReadOnlyList<(string Id, InstitutionDefinition Definition)> Institutions { get; } =
    [
        // Ministries
        Institution("finance", InstitutionKind.Ministry, null,
            "وزارة المالية", "Ministère des Finances", "Ministry of Finance"),
        Institution("agriculture", InstitutionKind.Ministry, null,
            "وزارة الفلاحة والموارد المائية والصيد البحري",
            "Ministère de l'Agriculture, des Ressources hydrauliques et de la Pêche",
            "Ministry of Agriculture, Water Resources and Fisheries"),
        Institution("industry", InstitutionKind.Ministry, null,
            "وزارة الصناعة والمناجم والطاقة",
            "Ministère de l'Industrie, des Mines et de l'Énergie",
            "Ministry of Industry, Mines and Energy"),
        Institution("environment", InstitutionKind.Ministry, null,
            "وزارة البيئة", "Ministère de l'Environnement", "Ministry of Environment"),
        Institution("interior", InstitutionKind.Ministry, null,
            "وزارة الداخلية", "Ministère de l'Intérieur", "Ministry of the Interior"),

        // Units of the Presidency of the Government and other public bodies
        Institution("egov", InstitutionKind.Other, null,
            "وحدة الإدارة الإلكترونية برئاسة الحكومة",
            "Unité de l'administration électronique, Présidence du gouvernement",
            "E-Government Unit, Presidency of the Government"),
        Institution("bcrc", InstitutionKind.Other, "BCRC",
            "المكتب المركزي للعلاقات مع المواطن برئاسة الحكومة",
            "Bureau central des relations avec le citoyen, Présidence du gouvernement",
            "Central Office for Citizen Relations, Presidency of the Government"),
        Institution("governance", InstitutionKind.Other, null,
            "الإدارة العامة للحوكمة والوقاية من الفساد برئاسة الحكومة",
            "Direction générale de la gouvernance et de la prévention de la corruption, Présidence du gouvernement",
            "General Directorate for Governance and Corruption Prevention, Presidency of the Government"),
        Institution("decentralisation", InstitutionKind.Other, null,
            "الهيئة العامة للاستشراف ومرافقة المسار اللامركزي",
            "Instance générale de la prospective et de l'accompagnement du processus de décentralisation",
            "General Authority for Foresight and Support of the Decentralisation Process"),
        Institution("tia", InstitutionKind.Other, "TIA",
            "الهيئة التونسية للاستثمار", "Instance tunisienne de l'investissement", "Tunisia Investment Authority"),
        Institution("ifeda", InstitutionKind.Other, "IFEDA",
            "مركز الإعلام والتكوين والدراسات والتوثيق حول الجمعيات (إفادة)",
            "Centre d'information, de formation, d'études et de documentation sur les associations",
            "Centre for Information, Training, Studies and Documentation on Associations"),

        // Independent and control bodies. The id "incc" is kept for the integrity body; the High Authority for
        // Administrative and Financial Control is used because it remained active throughout the 2023-2025 cycle.
        Institution("inai", InstitutionKind.IndependentAuthority, "INAI",
            "هيئة النفاذ إلى المعلومة", "Instance d'accès à l'information", "Access to Information Authority"),
        Institution("incc", InstitutionKind.Other, null,
            "الهيئة العليا للرقابة الإدارية والمالية",
            "Haute Instance du Contrôle Administratif et Financier",
            "High Authority for Administrative and Financial Control"),

        // Local government
        Institution("municipality-tunis", InstitutionKind.Municipality, null,
            "بلدية تونس", "Commune de Tunis", "Municipality of Tunis"),

        // Civil society
        Institution("article19", InstitutionKind.Cso, null,
            "منظمة المادة 19 - مكتب الشرق الأوسط وشمال إفريقيا",
            "Article 19 - Bureau Moyen-Orient et Afrique du Nord",
            "Article 19 MENA"),
        Institution("solidar", InstitutionKind.Cso, null,
            "جمعية سوليدار تونس", "Solidar Tunisie", "Solidar Tunisie"),
        Institution("idaraty", InstitutionKind.Cso, null,
            "جمعية إدارتي", "Association Idaraty", "Idaraty"),
        Institution("albawsala", InstitutionKind.Cso, null,
            "جمعية البوصلة", "Al Bawsala", "Al Bawsala"),
    ];

    // ------------------------------------------------------------------------------------------------------------
    // Joint Advisory Committee (parity: five government, five civil society). Role-style names, no real people.
    // The co-chairs have no UserId: the seeder binds them to the demo accounts itself.
    // ------------------------------------------------------------------------------------------------------------

    public static IReadOnlyList<ForumMember> Forum { get; } =
    [
        new("Government co-chair (E-Government Unit)", InstitutionName("egov"), ForumSide.Government, CoChair: true, UserId: null),
        new("Representative, Ministry of Finance", InstitutionName("finance"), ForumSide.Government, CoChair: false, UserId: null),
        new("Representative, Central Office for Citizen Relations", InstitutionName("bcrc"), ForumSide.Government, CoChair: false, UserId: null),
        new("Representative, Ministry of Agriculture, Water Resources and Fisheries", InstitutionName("agriculture"), ForumSide.Government, CoChair: false, UserId: null),
        new("Representative, General Authority for the Decentralisation Process", InstitutionName("decentralisation"), ForumSide.Government, CoChair: false, UserId: null),

        new("Civil society co-chair (Al Bawsala)", InstitutionName("albawsala"), ForumSide.CivilSociety, CoChair: true, UserId: null),
        new("Representative, Article 19 MENA", InstitutionName("article19"), ForumSide.CivilSociety, CoChair: false, UserId: null),
        new("Representative, Solidar Tunisie", InstitutionName("solidar"), ForumSide.CivilSociety, CoChair: false, UserId: null),
        new("Representative, Idaraty", InstitutionName("idaraty"), ForumSide.CivilSociety, CoChair: false, UserId: null),
        new("Representative, Tunisian Association of Public Controllers",
            new LocalizedText(
                "الجمعية التونسية للمراقبين العموميين",
                "Association tunisienne des contrôleurs publics",
                "Tunisian Association of Public Controllers"),
            ForumSide.CivilSociety, CoChair: false, UserId: null),
    ];

    // ------------------------------------------------------------------------------------------------------------
    // Commitments
    // ------------------------------------------------------------------------------------------------------------

    public static IReadOnlyList<(string Id, CommitmentDetails Details, IReadOnlyDictionary<string, string> Texts)> Commitments { get; } =
    [
        Commitment01(), Commitment02(), Commitment03(), Commitment04(), Commitment05(),
        Commitment06(), Commitment07(), Commitment08(), Commitment09(), Commitment10(),
        Commitment11(), Commitment12(), Commitment13(), Commitment14(), Commitment15(),
    ];

    // ---- Axis 1: transparency and governance of natural resources ------------------------------------------------

    private static CommitmentEntry Commitment01() => Commitment(
        number: 1,
        title: new LocalizedText(
            "تعزيز شفافية الميزانية عبر نسخة جديدة من بوابة الميزانية المفتوحة «ميزانيتنا»",
            "Renforcer la transparence budgétaire grâce à une nouvelle version du portail du budget ouvert « Mizaniatouna »",
            "Strengthening budget transparency through a new version of the open budget portal \"Mizaniatouna\""),
        axis: Axis1,
        lead: "finance",
        supporters: ["egov", "albawsala"],
        policyAreas: ["Fiscal openness", "Open budgets", "Open data"],
        start: D(2024, 1, 1),
        end: D(2025, 10, 31),
        baseline: "Les documents budgétaires de l'État sont en grande partie publiés sous forme de fichiers PDF peu réutilisables, "
            + "et les données d'exécution ne sont pas disponibles dans des formats ouverts.",
        values: new OgpValues(Transparency: true, CivicParticipation: false, PublicAccountability: true, Technology: true, Inclusion: false),
        budget: new Budget(null, "TND", "Budget de l'État (ministère des Finances), à confirmer"),
        links:
        [
            "Loi organique n° 2019-15 du 13 février 2019 relative à la loi organique du budget",
            "Programme national des données publiques ouvertes (décret gouvernemental n° 2021-3)",
        ],
        sdgs: [16, 17],
        milestones:
        [
            M("m1", "Conception, développement et tests de la nouvelle version du portail, en commençant par le budget de l'État",
                "Portail refondu mis en ligne pour le budget de l'État", D(2024, 1, 1), D(2024, 9, 30), "finance"),
            M("m2", "Publication des données budgétaires en formats ouverts (CSV, API) avec leurs métadonnées et référencement sur data.gov.tn",
                "Jeux de données budgétaires publiés et actualisés à chaque étape du cycle budgétaire", D(2024, 7, 1), D(2025, 6, 30), "egov"),
            M("m3", "Élaboration et publication d'un budget citoyen pour la loi de finances, en concertation avec la société civile",
                "Budget citoyen publié en arabe et en français", D(2024, 10, 1), D(2025, 3, 31), "finance"),
            M("m4", "Sessions de présentation du portail et recueil des avis des utilisateurs (associations, journalistes, chercheurs)",
                "Rapport sur les retours des utilisateurs et plan d'amélioration", D(2025, 1, 1), D(2025, 10, 31), "albawsala"),
        ],
        analysis: new ProblemAnalysis(
            "Les citoyens et la société civile ne peuvent pas suivre facilement l'élaboration et l'exécution du budget de l'État.",
            [
                new CauseCategory("Données", [
                    "Publication principalement en PDF",
                    "Données d'exécution publiées tardivement",
                    "Nomenclatures différentes d'un document à l'autre",
                ]),
                new CauseCategory("Outils", [
                    "Version actuelle du portail peu ergonomique",
                    "Ni API ni téléchargement en masse",
                ]),
                new CauseCategory("Capacités et usages", [
                    "Faible culture budgétaire du grand public",
                    "Peu d'intermédiaires (médias, associations) formés à l'analyse budgétaire",
                ]),
            ],
            [
                "Refonte du portail Mizaniatouna déjà programmée par le ministère",
                "Obligations de publication prévues par la loi organique du budget de 2019",
                "Expertise de la société civile en analyse budgétaire",
            ]),
        texts: Texts(
            problem: "Les informations budgétaires de l'État restent difficiles à trouver, à comprendre et à réutiliser. "
                + "Les documents sont dispersés et souvent publiés en PDF, ce qui limite le suivi citoyen de l'allocation et de l'exécution des ressources publiques.",
            statusQuo: "Le ministère des Finances dispose du portail « Mizaniatouna », qui centralise une partie des documents budgétaires. "
                + "Sa version actuelle ne permet toutefois ni l'exploration interactive des données ni leur téléchargement dans des formats ouverts.",
            description: "L'engagement consiste à développer une nouvelle version du portail du budget ouvert, d'abord pour le budget de l'État, "
                + "à y publier les données budgétaires en formats ouverts et à produire un budget citoyen. "
                + "Des sessions de présentation et de recueil des avis des utilisateurs accompagneront la mise en ligne.",
            contribution: "Les données budgétaires deviendront disponibles à temps, complètes et réutilisables, "
                + "et les citoyens, les journalistes et les associations disposeront des moyens de suivre l'utilisation des deniers publics.",
            ogpRelevance: "L'engagement relève de la transparence, par la publication proactive de données budgétaires ouvertes, "
                + "et de la redevabilité, en permettant un contrôle citoyen fondé sur des données vérifiables.",
            ambition: "À l'horizon 2025, les documents clés du cycle budgétaire devraient être publiés sur le portail dans des formats ouverts, "
                + "accompagnés d'un budget citoyen pour chaque loi de finances."));

    private static CommitmentEntry Commitment02() => Commitment(
        number: 2,
        title: new LocalizedText(
            "رقمنة منظومة خلاص معاليم استغلال الملك العمومي للمياه",
            "Digitalisation du paiement des redevances d'utilisation du domaine public hydraulique",
            "Digitalising the payment of fees for the use of the public water domain"),
        axis: Axis1,
        lead: "agriculture",
        supporters: ["egov", "finance"],
        policyAreas: ["Natural resources", "Water", "E-government", "Fiscal openness"],
        start: D(2024, 1, 1),
        end: D(2025, 9, 30),
        baseline: "يتم خلاص معاليم استغلال الملك العمومي للمياه في الغالب بطريقة ورقية لدى المصالح الجهوية، "
            + "ولا تنشر معطيات مجمعة حول عدد المنتفعين والمبالغ المستخلصة.",
        values: new OgpValues(Transparency: true, CivicParticipation: false, PublicAccountability: true, Technology: true, Inclusion: false),
        budget: new Budget(null, "TND", "ميزانية الدولة (وزارة الفلاحة والموارد المائية والصيد البحري)، في انتظار التأكيد"),
        links:
        [
            "مجلة المياه (القانون عدد 16 لسنة 1975 المؤرخ في 31 مارس 1975)",
            "مخطط التنمية 2023-2025",
        ],
        sdgs: [6, 16],
        milestones:
        [
            M("m1", "إحداث فريق عمل متعدد الأطراف صلب وزارة الفلاحة لمتابعة إنجاز المنظومة",
                "مقرر إحداث فريق العمل وخطة عمله", D(2024, 1, 1), D(2024, 3, 31), "agriculture"),
            M("m2", "ضبط الحاجيات الوظيفية والفنية للمنظومة وإعداد كراس الشروط",
                "كراس شروط مصادق عليه", D(2024, 4, 1), D(2024, 9, 30), "agriculture"),
            M("m3", "تطوير المنظومة وربطها بوسائل الدفع الإلكتروني وتجربتها في ولايات نموذجية",
                "منظومة خلاص عن بعد تمت تجربتها في ولايات نموذجية", D(2024, 10, 1), D(2025, 6, 30), "egov"),
            M("m4", "نشر بيانات مفتوحة دورية حول المعاليم المستخلصة حسب الولاية ونوع الاستغلال",
                "مجموعات بيانات منشورة على بوابة البيانات المفتوحة", D(2025, 4, 1), D(2025, 9, 30), "agriculture"),
        ],
        analysis: null,
        texts: Texts(
            problem: "يعاني المنتفعون بالملك العمومي للمياه من تعقيد إجراءات خلاص المعاليم وتعدد التنقلات إلى الإدارات الجهوية، "
                + "في حين لا تتوفر للإدارة رؤية شاملة ومحينة حول المداخيل المتأتية من استغلال الموارد المائية. "
                + "ويحد ذلك من شفافية التصرف في مورد طبيعي يزداد ندرة.",
            statusQuo: "تتم عملية الخلاص في الغالب بطريقة ورقية لدى المندوبيات الجهوية للتنمية الفلاحية، "
                + "ولا تنشر معطيات مجمعة حول عدد المنتفعين أو المبالغ المستخلصة.",
            description: "يتمثل الالتزام في تطوير منظومة رقمية لاحتساب معاليم استغلال الملك العمومي للمياه وخلاصها عن بعد، "
                + "مع نشر بيانات مفتوحة دورية حول المداخيل المتأتية منها، وذلك بالتعاون مع وحدة الإدارة الإلكترونية ووزارة المالية.",
            contribution: "سيساهم الالتزام في تبسيط الإجراءات لفائدة الفلاحين والمستثمرين، وفي الحد من الممارسات غير الشفافة، "
                + "وفي تمكين المواطنين من متابعة المداخيل المتأتية من استغلال الموارد المائية.",
            ogpRelevance: "يرتبط الالتزام بقيمة الشفافية من خلال نشر بيانات المعاليم المستخلصة، وبقيمة المساءلة من خلال إتاحة تتبع استغلال الملك العمومي للمياه، "
                + "مع توظيف التكنولوجيا لتيسير الخدمة.",
            ambition: "ينتظر أن تعمم المنظومة تدريجيا على كافة الولايات بعد المرحلة النموذجية، وأن تصبح بيانات المعاليم منشورة بصفة منتظمة."));

    private static CommitmentEntry Commitment03() => Commitment(
        number: 3,
        title: new LocalizedText(
            "منظومة رقمية للتصرف في مطالب رخص البحث عن المياه واستغلال الملك العمومي للمياه",
            "Système numérique de gestion des demandes d'autorisation de recherche et d'exploitation du domaine public hydraulique",
            "Digital system for managing applications for permits to explore and use the public water domain"),
        axis: Axis1,
        lead: "agriculture",
        supporters: ["egov", "environment"],
        policyAreas: ["Natural resources", "Water", "E-government", "Public service delivery"],
        start: D(2024, 1, 1),
        end: D(2025, 10, 31),
        baseline: "Les demandes d'autorisation de forage et d'exploitation des eaux sont déposées et instruites sur support papier ; "
            + "les délais de traitement et l'état des autorisations accordées ne sont pas publiés.",
        values: new OgpValues(Transparency: true, CivicParticipation: false, PublicAccountability: true, Technology: true, Inclusion: false),
        budget: new Budget(null, "TND", "Budget de l'État, à confirmer"),
        links:
        [
            "Code des eaux (loi n° 75-16 du 31 mars 1975)",
            "Programme national des données publiques ouvertes (décret gouvernemental n° 2021-3)",
        ],
        sdgs: [6, 16],
        milestones:
        [
            M("m1", "Mise en place d'un groupe de travail multipartite au sein du ministère de l'Agriculture pour piloter le projet",
                "Groupe de travail constitué et feuille de route adoptée", D(2024, 1, 1), D(2024, 3, 31), "agriculture"),
            M("m2", "Cartographie et simplification du circuit d'instruction des demandes d'autorisation",
                "Procédure simplifiée validée et publiée", D(2024, 4, 1), D(2024, 10, 31), "agriculture"),
            M("m3", "Développement et déploiement du système de dépôt et de suivi en ligne des demandes",
                "Plateforme en ligne permettant aux usagers de suivre l'état de leur demande", D(2024, 11, 1), D(2025, 7, 31), "egov"),
            M("m4", "Publication en données ouvertes du registre des autorisations accordées (localisation, usage, volumes autorisés)",
                "Registre des autorisations publié et mis à jour chaque trimestre", D(2025, 5, 1), D(2025, 10, 31), "agriculture"),
        ],
        analysis: null,
        texts: Texts(
            problem: "La surexploitation des nappes souterraines, aggravée par la multiplication des forages illicites, menace la sécurité hydrique du pays. "
                + "L'opacité du processus d'octroi des autorisations nourrit la méfiance des usagers et complique le contrôle.",
            statusQuo: "Les demandes sont instruites manuellement par les services centraux et régionaux, sans outil de suivi partagé. "
                + "Les usagers n'ont aucune visibilité sur l'état de leur dossier et aucune donnée consolidée sur les autorisations n'est publiée.",
            description: "Le ministère de l'Agriculture, des Ressources hydrauliques et de la Pêche simplifiera la procédure puis développera un système numérique "
                + "de dépôt, d'instruction et de suivi des demandes d'autorisation. Le registre des autorisations accordées sera publié en données ouvertes.",
            contribution: "L'engagement réduira les délais et la part de pouvoir discrétionnaire dans l'octroi des autorisations, facilitera le contrôle des prélèvements "
                + "et permettra à la société civile de suivre la gestion d'une ressource stratégique.",
            ogpRelevance: "Transparence : publication du registre des autorisations. "
                + "Redevabilité : traçabilité des décisions d'octroi et possibilité de suivi par les usagers et la société civile.",
            ambition: "Passer d'une procédure entièrement papier à un service en ligne traçable, assorti d'un registre public des autorisations, "
                + "constitue un changement notable dans la gouvernance de l'eau."));

    private static CommitmentEntry Commitment04() => Commitment(
        number: 4,
        title: new LocalizedText(
            "تعزيز الشفافية على مستوى المشاريع العمومية",
            "Renforcer la transparence au niveau des projets publics",
            "Enhancing transparency of public projects"),
        axis: Axis1,
        lead: "albawsala",
        supporters: ["finance", "egov"],
        policyAreas: ["Public investment", "Open data", "Fiscal openness", "Civic monitoring"],
        start: D(2024, 1, 1),
        end: D(2025, 10, 31),
        baseline: "Les informations sur l'avancement physique et financier des projets publics sont fragmentées entre ministères et régions "
            + "et rarement publiées sous une forme accessible aux citoyens.",
        values: new OgpValues(Transparency: true, CivicParticipation: true, PublicAccountability: true, Technology: true, Inclusion: false),
        budget: new Budget(null, "TND", "Financement de partenaires techniques et financiers, à confirmer"),
        links:
        [
            "Plan de développement 2023-2025",
            "Programme national des données publiques ouvertes (décret gouvernemental n° 2021-3)",
        ],
        sdgs: [9, 16],
        milestones:
        [
            M("m1", "Concertation avec les parties prenantes (ministères, gouvernorats, société civile) sur le périmètre et les indicateurs à publier",
                "Liste validée des projets suivis et des indicateurs de performance", D(2024, 1, 1), D(2024, 4, 30), "albawsala"),
            M("m2", "Collecte et validation des données sur l'avancement physique et financier des projets",
                "Base de données validée par les structures concernées", D(2024, 5, 1), D(2024, 12, 31), "finance"),
            M("m3", "Développement de la plateforme de suivi et publication des données en formats ouverts",
                "Plateforme en ligne avec cartographie des projets et jeux de données téléchargeables", D(2024, 10, 1), D(2025, 6, 30), "albawsala"),
            M("m4", "Production de rapports de suivi citoyen et organisation de débats publics dans les régions",
                "Au moins deux rapports de suivi publiés", D(2025, 4, 1), D(2025, 10, 31), "albawsala"),
        ],
        analysis: null,
        texts: Texts(
            problem: "De nombreux projets publics accusent des retards importants ou sont à l'arrêt, sans que les citoyens concernés en connaissent les raisons. "
                + "Le manque d'information sur leur avancement et leur performance empêche tout suivi citoyen et affaiblit la confiance.",
            statusQuo: "Les données de suivi existent dans les systèmes d'information de l'administration, mais elles ne sont ni consolidées ni publiées ; "
                + "la société civile procède à des collectes ponctuelles, coûteuses et difficiles à actualiser.",
            description: "Une association de la société civile, en partenariat avec le ministère des Finances et l'Unité de l'administration électronique, "
                + "mettra en place une plateforme publique de suivi de l'avancement physique et financier des projets publics, alimentée par des données validées et publiées en formats ouverts.",
            contribution: "Les citoyens pourront connaître l'état d'avancement des projets qui les concernent, signaler les blocages et demander des comptes, "
                + "tandis que l'administration pourra repérer plus tôt les projets en difficulté.",
            ogpRelevance: "L'engagement combine la transparence (publication de données sur les projets), la participation citoyenne (suivi et signalement par les citoyens) "
                + "et la redevabilité (rapports publics sur la performance).",
            ambition: "Une plateforme portée par la société civile et alimentée par des données officielles offrira un suivi public et continu de la performance des projets publics."));

    private static CommitmentEntry Commitment05() => Commitment(
        number: 5,
        title: new LocalizedText(
            "تعزيز النشر الاستباقي للمعلومة وتقييم مدى تكريس الحق في النفاذ إليها",
            "Promotion de la publication proactive de l'information et évaluation de la mise en œuvre du droit d'accès",
            "Promoting proactive disclosure and assessing the implementation of the right of access to information"),
        axis: Axis1,
        lead: "inai",
        supporters: ["egov", "article19"],
        policyAreas: ["Access to information", "Right to information", "Open data"],
        start: D(2024, 1, 1),
        end: D(2025, 10, 31),
        baseline: "يلزم القانون الأساسي عدد 22 لسنة 2016 الهياكل الخاضعة لأحكامه بالنشر التلقائي لجملة من المعلومات، "
            + "غير أنه لا توجد منهجية موحدة لتقييم مدى التزامها بذلك.",
        values: new OgpValues(Transparency: true, CivicParticipation: true, PublicAccountability: false, Technology: true, Inclusion: false),
        budget: new Budget(null, "TND", "ميزانية هيئة النفاذ إلى المعلومة بدعم من شركاء فنيين وماليين، في انتظار التأكيد"),
        links:
        [
            "القانون الأساسي عدد 22 لسنة 2016 المؤرخ في 24 مارس 2016 المتعلق بالحق في النفاذ إلى المعلومة",
            "البرنامج الوطني للبيانات العمومية المفتوحة (الأمر الحكومي عدد 3 لسنة 2021)",
        ],
        sdgs: [16],
        milestones:
        [
            M("m1", "إعداد كراس الشروط لاختيار الخبير المكلف بإعداد منهجية التقييم",
                "كراس شروط مصادق عليه واختيار الخبير", D(2024, 1, 1), D(2024, 4, 30), "inai"),
            M("m2", "تنظيم جلسات عمل مع الخبير والأطراف المتدخلة لضبط مكونات المنهجية وخصائصها",
                "النسخة النهائية لمنهجية التقييم", D(2024, 5, 1), D(2024, 12, 31), "inai"),
            M("m3", "تطوير نسخة إلكترونية من منهجية التقييم وتجربتها",
                "أداة تقييم إلكترونية تمت تجربتها لدى عينة من الهياكل العمومية", D(2025, 1, 1), D(2025, 6, 30), "egov"),
            M("m4", "إرساء آلية إلكترونية تمكن المواطنين والمجتمع المدني من المساهمة في التقييم الدوري لمدى تكريس الحق في النفاذ إلى المعلومة",
                "آلية مفتوحة للعموم وأول تقرير تقييم منشور", D(2025, 4, 1), D(2025, 10, 31), "inai"),
        ],
        analysis: new ProblemAnalysis(
            "لا تلتزم الهياكل العمومية بصفة كافية ومنتظمة بواجب النشر التلقائي للمعلومة، ولا توجد أداة موحدة لقياس ذلك.",
            [
                new CauseCategory("الإطار المؤسساتي", [
                    "غياب منهجية تقييم موحدة ومؤشرات قابلة للقياس",
                    "محدودية الموارد البشرية المخصصة للنفاذ إلى المعلومة داخل الهياكل",
                ]),
                new CauseCategory("الممارسات الإدارية", [
                    "استمرار ثقافة السرية الإدارية",
                    "عدم تحيين المواقع الإلكترونية للهياكل العمومية بصفة منتظمة",
                ]),
                new CauseCategory("المواطنون", [
                    "ضعف الوعي بالحق في النفاذ إلى المعلومة",
                    "غياب قناة لإبداء الرأي حول جودة المعلومة المنشورة",
                ]),
            ],
            [
                "الصلاحيات الرقابية لهيئة النفاذ إلى المعلومة",
                "شبكة المكلفين بالنفاذ إلى المعلومة داخل الهياكل العمومية",
                "خبرة منظمات المجتمع المدني في رصد تطبيق الحق في النفاذ إلى المعلومة",
            ]),
        texts: Texts(
            problem: "رغم مرور سنوات على صدور القانون الأساسي المتعلق بالحق في النفاذ إلى المعلومة، يظل النشر التلقائي للمعلومة من قبل الهياكل العمومية محدودا وغير منتظم. "
                + "ويضطر المواطنون في أغلب الأحيان إلى تقديم مطالب نفاذ للحصول على معلومات كان من المفروض نشرها بصفة استباقية.",
            statusQuo: "تنظر هيئة النفاذ إلى المعلومة في دعاوى عديدة تتعلق برفض النفاذ أو بعدم الرد، "
                + "في حين لا تتوفر منهجية موحدة لتقييم مدى احترام الهياكل العمومية لواجب النشر التلقائي ولا مؤشرات تسمح بالمقارنة بينها.",
            description: "يتمثل الالتزام في إعداد منهجية موحدة لتقييم مدى تكريس الحق في النفاذ إلى المعلومة وتطوير نسخة إلكترونية منها، "
                + "وإرساء آلية تشاركية تمكن المواطنين ومكونات المجتمع المدني من المساهمة في التقييم الدوري، بالتعاون مع وحدة الإدارة الإلكترونية برئاسة الحكومة.",
            contribution: "سيمكن الالتزام من قياس أداء الهياكل العمومية في مجال النشر الاستباقي بصفة موضوعية وقابلة للمقارنة، "
                + "ومن نشر نتائج التقييم للعموم، بما يحفز الهياكل على تحسين ممارساتها.",
            ogpRelevance: "يندرج الالتزام ضمن قيمة الشفافية من خلال تعزيز النشر الاستباقي، وضمن قيمة المشاركة المواطنية من خلال إشراك المواطنين في التقييم، "
                + "مع توظيف التكنولوجيا عبر أداة تقييم إلكترونية.",
            ambition: "ينتظر نشر أول تقرير تقييم وطني حول النشر التلقائي للمعلومة يعتمد على منهجية موحدة وعلى مساهمات المواطنين، على أن يصبح هذا التقييم دوريا."));

    private static CommitmentEntry Commitment06() => Commitment(
        number: 6,
        title: new LocalizedText(
            "تعزيز مسار فتح البيانات العمومية في تونس",
            "Consolider la dynamique d'ouverture des données publiques en Tunisie",
            "Consolidating the opening of public data in Tunisia"),
        axis: Axis1,
        lead: "egov",
        supporters: ["inai", "albawsala"],
        policyAreas: ["Open data", "Data reuse", "Digital governance"],
        start: D(2024, 1, 1),
        end: D(2025, 10, 31),
        baseline: "Le décret gouvernemental n° 2021-3 encadre l'ouverture des données publiques, mais il n'existe encore ni registre national des données "
            + "détenues par les structures publiques, ni stratégie de réutilisation, ni évaluation publique du programme.",
        values: new OgpValues(Transparency: true, CivicParticipation: true, PublicAccountability: false, Technology: true, Inclusion: false),
        budget: new Budget(null, "TND", "Budget de l'État et appui du programme PAGOF2 (Expertise France), à confirmer"),
        links:
        [
            "Programme national des données publiques ouvertes (décret gouvernemental n° 2021-3 du 6 janvier 2021)",
            "Loi organique n° 2016-22 du 24 mars 2016 relative au droit d'accès à l'information",
        ],
        sdgs: [9, 16, 17],
        milestones:
        [
            M("m1", "Définition des exigences fonctionnelles et techniques, développement, tests et mise en ligne du registre national des données publiques",
                "Registre national des données publiques en ligne", D(2024, 1, 1), D(2024, 12, 31), "egov"),
            M("m2", "Élaboration concertée d'une stratégie nationale de promotion de la réutilisation des données publiques ouvertes",
                "Stratégie adoptée, assortie d'un mécanisme de suivi de sa mise en œuvre", D(2024, 4, 1), D(2025, 6, 30), "egov"),
            M("m3", "Élaboration d'une méthodologie d'évaluation du programme national des données ouvertes et publication d'un rapport public",
                "Rapport d'évaluation publié", D(2025, 1, 1), D(2025, 10, 31), "egov"),
        ],
        analysis: null,
        texts: Texts(
            problem: "Malgré les progrès réalisés, l'ouverture des données publiques reste inégale selon les structures, "
                + "et la réutilisation des données par la société civile, les chercheurs et les entreprises demeure faible. "
                + "Les usagers ignorent souvent quelles données existent et lesquelles peuvent être demandées.",
            statusQuo: "Le portail national data.gov.tn et plusieurs portails sectoriels publient des jeux de données, et des responsables de l'ouverture des données "
                + "ont été désignés dans de nombreuses structures. Cependant, aucun inventaire national des données détenues n'est accessible et le programme n'a pas été évalué publiquement.",
            description: "L'engagement comporte trois volets : le développement d'un registre national des données publiques, "
                + "l'élaboration d'une stratégie nationale de promotion de la réutilisation des données ouvertes, "
                + "et une méthodologie d'évaluation du programme national assortie d'un rapport public.",
            contribution: "Le registre rendra visible le patrimoine de données de l'État et facilitera les demandes d'ouverture ; "
                + "la stratégie stimulera la création de services et d'analyses ; l'évaluation publique renforcera la redevabilité du programme.",
            ogpRelevance: "L'engagement relève de la transparence (inventaire et publication des données) et de la participation citoyenne "
                + "(stratégie élaborée de manière concertée, réutilisation par les citoyens), avec un recours à la technologie.",
            ambition: "Il fait passer le programme national d'une logique de publication à une logique d'usage et d'évaluation, "
                + "en cohérence avec le décret gouvernemental n° 2021-3."));

    private static CommitmentEntry Commitment07() => Commitment(
        number: 7,
        title: new LocalizedText(
            "نشر بيانات مفتوحة حول قطاعي المناجم والطاقة وآثارهما البيئية",
            "Publication de données ouvertes sur les secteurs des mines et de l'énergie et sur leurs impacts environnementaux",
            "Publishing open data on the mining and energy sectors and their environmental impact"),
        axis: Axis1,
        lead: "industry",
        supporters: ["environment", "article19"],
        policyAreas: ["Extractive industries", "Open data", "Environment and climate", "Natural resources"],
        start: D(2024, 1, 1),
        end: D(2025, 10, 31),
        baseline: "Des informations sur les titres miniers et d'hydrocarbures et sur la production sont publiées de manière partielle et irrégulière ; "
            + "les données de suivi environnemental des sites d'exploitation ne sont pas accessibles au public.",
        values: new OgpValues(Transparency: true, CivicParticipation: false, PublicAccountability: true, Technology: true, Inclusion: false),
        budget: new Budget(null, "TND", "Budget de l'État, à confirmer"),
        links:
        [
            "Code des hydrocarbures (loi n° 99-93 du 17 août 1999)",
            "Code minier (loi n° 2003-30 du 28 avril 2003)",
            "Programme national des données publiques ouvertes (décret gouvernemental n° 2021-3)",
        ],
        sdgs: [7, 12, 13, 16],
        milestones:
        [
            M("m1", "Inventaire, avec la société civile, des données prioritaires à publier (titres, production, redevances, contrats, suivi environnemental)",
                "Liste priorisée des jeux de données et calendrier de publication", D(2024, 1, 1), D(2024, 6, 30), "industry"),
            M("m2", "Publication des jeux de données sur les titres miniers et d'hydrocarbures, la production et les redevances",
                "Jeux de données publiés en formats ouverts et mis à jour", D(2024, 7, 1), D(2025, 3, 31), "industry"),
            M("m3", "Publication des données de suivi environnemental de sites d'exploitation pilotes (qualité de l'air et de l'eau, gestion des rejets)",
                "Données environnementales publiées pour les sites pilotes", D(2024, 10, 1), D(2025, 9, 30), "environment"),
            M("m4", "Atelier public de présentation des données et de recueil des besoins des réutilisateurs",
                "Compte rendu public et plan d'amélioration", D(2025, 6, 1), D(2025, 10, 31), "article19"),
        ],
        analysis: null,
        texts: Texts(
            problem: "Les tensions sociales autour des zones d'exploitation minière et énergétique, notamment dans le bassin minier et dans le Sud, "
                + "sont alimentées par un déficit d'information sur les ressources extraites, les revenus générés et les impacts sur l'environnement et la santé.",
            statusQuo: "Certaines informations (titres, production) sont publiées de manière partielle et irrégulière, principalement sous forme de rapports ; "
                + "les données de surveillance environnementale restent internes aux administrations et aux entreprises concernées.",
            description: "Le ministère de l'Industrie, des Mines et de l'Énergie et le ministère de l'Environnement publieront, selon un calendrier concerté avec la société civile, "
                + "des jeux de données ouverts sur les titres, la production, les redevances et le suivi environnemental des sites d'exploitation.",
            contribution: "Les populations riveraines, les chercheurs et les associations disposeront de données fiables pour suivre la gestion des ressources et leurs impacts, "
                + "et le dialogue avec l'administration pourra s'appuyer sur des faits partagés.",
            ogpRelevance: "Transparence : publication proactive de données sur les ressources naturelles. "
                + "Redevabilité : les citoyens peuvent vérifier le respect des obligations des exploitants et de l'administration.",
            ambition: "L'engagement étend l'ouverture des données aux informations environnementales liées à l'exploitation des ressources, jusque-là très peu accessibles."));

    // ---- Axis 2: public participation and open government at the local level --------------------------------------

    private static CommitmentEntry Commitment08() => Commitment(
        number: 8,
        title: new LocalizedText(
            "تعزيز الحكومة المفتوحة على المستوى المحلي",
            "Promotion du gouvernement ouvert au niveau local",
            "Promoting open government at the local level"),
        axis: Axis2,
        lead: "egov",
        supporters: ["decentralisation", "municipality-tunis"],
        policyAreas: ["Local commitments", "Public participation", "Capacity building"],
        start: D(2024, 1, 1),
        end: D(2025, 10, 31),
        baseline: "Le troisième plan d'action (engagement 11) a permis à un premier groupe de municipalités d'élaborer des plans d'action de gouvernement ouvert ; "
            + "l'expérience n'a pas encore été évaluée ni étendue de manière systématique.",
        values: new OgpValues(Transparency: true, CivicParticipation: true, PublicAccountability: true, Technology: false, Inclusion: false),
        budget: new Budget(null, "TND", "Budget de l'État et appui de partenaires techniques et financiers, à confirmer"),
        links:
        [
            "Code des collectivités locales (loi organique n° 2018-29 du 9 mai 2018)",
            "Plan de développement 2023-2025",
        ],
        sdgs: [11, 16],
        milestones:
        [
            M("m1", "Appel à candidatures pour sélectionner les municipalités participantes et atelier d'évaluation des expériences du troisième plan",
                "Liste des municipalités retenues et note d'enseignements", D(2024, 1, 1), D(2024, 5, 31), "egov"),
            M("m2", "Formation des équipes municipales au gouvernement ouvert, à la gouvernance locale, à la communication et à la sensibilisation",
                "Cycle de formation réalisé dans chaque municipalité retenue", D(2024, 6, 1), D(2024, 12, 31), "decentralisation"),
            M("m3", "Accompagnement des municipalités dans l'élaboration participative de leurs plans d'action et journée de présentation",
                "Plans d'action locaux de gouvernement ouvert adoptés et publiés", D(2024, 10, 1), D(2025, 5, 31), "egov"),
            M("m4", "Mise en œuvre d'engagements prioritaires des plans locaux (publication de données municipales, séances publiques de redevabilité)",
                "Rapport de suivi de la mise en œuvre par municipalité", D(2025, 3, 1), D(2025, 10, 31), "municipality-tunis"),
        ],
        analysis: null,
        texts: Texts(
            problem: "Les citoyens disposent de peu de moyens pour s'informer sur les décisions municipales et y participer, "
                + "alors que la qualité des services de proximité dépend largement de la gouvernance locale.",
            statusQuo: "Quelques municipalités ont élaboré des plans d'action de gouvernement ouvert dans le cadre du troisième plan national, avec des résultats inégaux ; "
                + "la plupart des communes ne disposent ni d'une démarche structurée ni de personnel formé.",
            description: "L'Unité de l'administration électronique, en collaboration avec l'Instance générale de la prospective et de l'accompagnement du processus de décentralisation, "
                + "accompagnera un nouveau groupe de municipalités, sélectionnées par appel à candidatures, dans l'élaboration et la mise en œuvre de plans d'action locaux de gouvernement ouvert.",
            contribution: "L'engagement ancrera des pratiques de transparence et de participation dans la gestion municipale "
                + "et capitalisera sur les expériences antérieures pour en faire un modèle reproductible.",
            ogpRelevance: "Il renforce la transparence (publication d'informations municipales), la participation citoyenne (co-élaboration des plans) "
                + "et la redevabilité des municipalités envers leurs habitants.",
            ambition: "Chaque municipalité participante disposera d'un plan d'action de gouvernement ouvert co-construit avec ses habitants "
                + "et en aura mis en œuvre une partie d'ici la fin de 2025."));

    private static CommitmentEntry Commitment09() => Commitment(
        number: 9,
        title: new LocalizedText(
            "تعزيز مشاركة النساء والأشخاص ذوي الإعاقة في الشأن العام المحلي",
            "Renforcer la participation des femmes et des personnes en situation de handicap à la vie publique locale",
            "Strengthening the participation of women and persons with disabilities in local public life"),
        axis: Axis2,
        lead: "solidar",
        supporters: ["municipality-tunis", "interior"],
        policyAreas: ["Inclusion", "Gender", "Persons with disabilities", "Public participation", "Local commitments"],
        start: D(2024, 1, 1),
        end: D(2025, 10, 31),
        baseline: "Women and persons with disabilities remain under-represented in local consultations, "
            + "and municipal participation mechanisms are rarely accessible (venues, formats, sign language, easy-to-read documents).",
        values: new OgpValues(Transparency: false, CivicParticipation: true, PublicAccountability: false, Technology: false, Inclusion: true),
        budget: new Budget(null, "TND", "Solidar Tunisie project funding with donor support, to be confirmed"),
        links:
        [
            "Local Authorities Code (Organic Law 2018-29 of 9 May 2018)",
            "Framework Law 2005-83 of 15 August 2005 on the promotion and protection of persons with disabilities",
            "Development Plan 2023-2025",
        ],
        sdgs: [5, 10, 11, 16],
        milestones:
        [
            M("m1", "Participatory diagnosis of the barriers to the participation of women and persons with disabilities in pilot municipalities",
                "Published diagnostic report with recommendations", D(2024, 1, 1), D(2024, 6, 30), "solidar"),
            M("m2", "Co-design, with organisations of persons with disabilities and women's groups, of an accessible participation toolkit",
                "Inclusive participation toolkit (easy-to-read formats, sign language, accessible venues) adopted by pilot municipalities",
                D(2024, 7, 1), D(2024, 12, 31), "solidar"),
            M("m3", "Training of municipal staff and civil society facilitators in inclusive participation",
                "Trained staff in each pilot municipality", D(2025, 1, 1), D(2025, 6, 30), "municipality-tunis"),
            M("m4", "Inclusive public consultations on local priorities, with publication of their outcomes",
                "Consultation reports with participation data disaggregated by sex and disability", D(2025, 3, 1), D(2025, 10, 31), "solidar"),
        ],
        analysis: new ProblemAnalysis(
            "Women and persons with disabilities have little influence on the local decisions that shape their daily lives.",
            [
                new CauseCategory("Accessibility", [
                    "Meeting venues are not physically accessible",
                    "Information is not available in accessible formats",
                ]),
                new CauseCategory("Social norms", [
                    "Public meetings are held at times incompatible with care responsibilities",
                    "Stereotypes about the role of women and persons with disabilities in public life",
                ]),
                new CauseCategory("Institutional practice", [
                    "No disaggregated data on who takes part",
                    "Municipal staff are not trained in inclusive facilitation",
                ]),
            ],
            [
                "Participatory democracy provisions of the Local Authorities Code",
                "Existing networks of organisations of persons with disabilities",
                "Pilot municipalities willing to test new formats",
            ]),
        texts: Texts(
            problem: "Women and persons with disabilities are largely absent from local consultations and decision-making, "
                + "so municipal plans and services often overlook their needs. The barriers are physical, informational and social.",
            statusQuo: "The participation mechanisms provided for by law are used unevenly and seldom adapted to persons with disabilities; "
                + "municipalities do not record who takes part in consultations.",
            description: "Solidar Tunisie, working with pilot municipalities and the Ministry of the Interior, will diagnose the barriers to participation, "
                + "co-design an inclusive participation toolkit with the groups concerned, train municipal staff and run inclusive consultations whose results are published.",
            contribution: "The commitment will give women and persons with disabilities a real voice in setting local priorities "
                + "and provide municipalities with tested, reusable methods for inclusive participation.",
            ogpRelevance: "It is relevant to civic participation, by opening local decision-making to under-represented groups, "
                + "and to inclusion, which this plan addresses explicitly for the first time.",
            ambition: "For the first time, a Tunisian action plan commitment targets the participation of women and persons with disabilities "
                + "and is implemented by a civil society organisation, with measurable, disaggregated results."));

    private static CommitmentEntry Commitment10() => Commitment(
        number: 10,
        title: new LocalizedText(
            "تطوير آليات التفاعل مع المواطن ومعالجة عرائضه ومقترحاته",
            "Amélioration des mécanismes d'interaction avec le citoyen et de traitement de ses requêtes et propositions",
            "Improving the mechanisms for interacting with citizens and handling their complaints and suggestions"),
        axis: Axis2,
        lead: "bcrc",
        supporters: ["egov", "idaraty"],
        policyAreas: ["Public participation", "Complaint handling", "Public service delivery", "E-government"],
        start: D(2024, 1, 1),
        end: D(2025, 10, 31),
        baseline: "Les requêtes des citoyens arrivent par de multiples canaux (courrier, bureaux des relations avec le citoyen, plateformes en ligne), "
            + "sans système unifié de suivi ni publication de statistiques sur leur traitement.",
        values: new OgpValues(Transparency: false, CivicParticipation: true, PublicAccountability: true, Technology: true, Inclusion: false),
        budget: new Budget(null, "TND", "Budget de l'État (Présidence du gouvernement), à confirmer"),
        links:
        [
            "Décret n° 93-982 du 3 mai 1993 relatif à la relation entre l'administration et ses usagers",
            "Plan de développement 2023-2025",
        ],
        sdgs: [16],
        milestones:
        [
            M("m1", "Diagnostic des canaux existants de réception des requêtes et des délais de traitement",
                "Rapport de diagnostic partagé avec le comité consultatif mixte", D(2024, 1, 1), D(2024, 5, 31), "bcrc"),
            M("m2", "Élaboration et mise en œuvre d'un plan d'action pour un système unifié de réception et de suivi des requêtes",
                "Système unifié déployé dans des ministères pilotes", D(2024, 6, 1), D(2025, 6, 30), "egov"),
            M("m3", "Publication trimestrielle de statistiques ouvertes sur les requêtes reçues, les délais de réponse et les suites données",
                "Tableau de bord public", D(2025, 1, 1), D(2025, 10, 31), "bcrc"),
            M("m4", "Enquête de satisfaction des usagers menée avec la société civile",
                "Rapport d'enquête publié", D(2025, 4, 1), D(2025, 10, 31), "idaraty"),
        ],
        analysis: null,
        texts: Texts(
            problem: "Les citoyens ne savent pas toujours à qui adresser leurs requêtes ni ce qu'elles deviennent. "
                + "L'absence de suivi et de retour d'information nourrit le sentiment que l'administration n'écoute pas.",
            statusQuo: "Le Bureau central des relations avec le citoyen et les bureaux ministériels traitent les requêtes selon des procédures hétérogènes ; "
                + "aucune donnée consolidée sur les délais ou les suites données n'est publiée.",
            description: "Le Bureau central des relations avec le citoyen, avec l'Unité de l'administration électronique, mettra en place un système unifié de réception "
                + "et de suivi des requêtes et propositions des citoyens, publiera des statistiques ouvertes sur leur traitement et évaluera la satisfaction des usagers avec la société civile.",
            contribution: "Les citoyens pourront suivre leur requête et obtenir une réponse dans des délais connus ; "
                + "l'administration disposera de données pour repérer les dysfonctionnements récurrents.",
            ogpRelevance: "L'engagement renforce la participation citoyenne (canal structuré pour les propositions) "
                + "et la redevabilité (publication des délais et des suites données), en s'appuyant sur la technologie.",
            ambition: "Il s'agit de passer de canaux dispersés à un système unifié et traçable, assorti d'indicateurs publics de performance."));

    // ---- Axis 3: public accountability and integrity -------------------------------------------------------------

    private static CommitmentEntry Commitment11() => Commitment(
        number: 11,
        title: new LocalizedText(
            "تعزيز النزاهة في القطاعات عبر اعتماد منهجية للتصرف في مخاطر الفساد",
            "Renforcer l'intégrité dans les secteurs par l'adoption d'une méthodologie de gestion des risques de corruption",
            "Improving integrity across sectors by adopting a corruption risk management methodology"),
        axis: Axis3,
        lead: "governance",
        supporters: ["agriculture", "incc"],
        policyAreas: ["Anti-corruption and integrity", "Risk management", "Public integrity"],
        start: D(2024, 1, 1),
        end: D(2025, 10, 31),
        baseline: "لا تعتمد أغلب الوزارات منهجية موحدة لتحديد مخاطر الفساد وتقييمها ومعالجتها، "
            + "وتبقى خطط النزاهة القطاعية متفاوتة من حيث المضمون والمتابعة.",
        values: new OgpValues(Transparency: true, CivicParticipation: false, PublicAccountability: true, Technology: false, Inclusion: false),
        budget: new Budget(null, "TND", "ميزانية الدولة (رئاسة الحكومة)، في انتظار التأكيد"),
        links:
        [
            "القانون الأساسي عدد 10 لسنة 2017 المؤرخ في 7 مارس 2017 المتعلق بالإبلاغ عن الفساد وحماية المبلغين",
            "مخطط التنمية 2023-2025",
        ],
        sdgs: [16],
        milestones:
        [
            M("m1", "إعداد دليل منهجي للتصرف في مخاطر الفساد بصفة تشاركية",
                "دليل منهجي مصادق عليه", D(2024, 1, 1), D(2024, 6, 30), "governance"),
            M("m2", "تكوين فرق عمل قطاعية في الوزارات النموذجية حول تطبيق المنهجية",
                "فرق عمل مكونة في كل وزارة نموذجية", D(2024, 7, 1), D(2024, 12, 31), "governance"),
            M("m3", "إعداد خرائط مخاطر الفساد وخطط معالجتها في الوزارات النموذجية",
                "خرائط مخاطر وخطط معالجة معتمدة", D(2025, 1, 1), D(2025, 6, 30), "agriculture"),
            M("m4", "نشر تقرير تأليفي حول نتائج التجربة وتوصيات تعميمها",
                "تقرير منشور للعموم", D(2025, 6, 1), D(2025, 10, 31), "governance"),
        ],
        analysis: null,
        texts: Texts(
            problem: "تظل الوقاية من الفساد داخل الإدارة العمومية في الغالب ردة فعل على حالات تم اكتشافها، "
                + "بدل أن تقوم على تحديد مسبق لمواطن الخطر في الإجراءات والخدمات الأكثر عرضة للفساد.",
            statusQuo: "توجد خلايا للحوكمة في عدد من الوزارات، غير أن عملها يفتقر إلى منهجية موحدة لتحديد المخاطر وتقييمها، "
                + "ولا تنشر نتائج أعمالها للعموم.",
            description: "يتمثل الالتزام في إعداد منهجية موحدة للتصرف في مخاطر الفساد وتجربتها في عدد من الوزارات النموذجية، "
                + "من بينها وزارة الفلاحة والموارد المائية والصيد البحري، بإشراف الإدارة العامة للحوكمة والوقاية من الفساد برئاسة الحكومة.",
            contribution: "سيمكن الالتزام الوزارات من توجيه جهود الرقابة والوقاية نحو الإجراءات الأكثر عرضة للفساد، "
                + "ومن قياس التقدم المحرز في معالجتها.",
            ogpRelevance: "يرتبط الالتزام بقيمة المساءلة من خلال إرساء آليات وقائية قابلة للمتابعة، "
                + "وبقيمة الشفافية من خلال نشر تقرير تأليفي حول النتائج.",
            ambition: "يمثل الانتقال من مقاربة ردة الفعل إلى مقاربة وقائية مبنية على المخاطر تحولا في ممارسات الإدارة، "
                + "على أن تعمم المنهجية لاحقا على بقية الوزارات."));

    private static CommitmentEntry Commitment12() => Commitment(
        number: 12,
        title: new LocalizedText(
            "تعزيز الشفافية والمساءلة بخصوص تقارير الرقابة ومتابعة تنفيذ توصياتها",
            "Renforcer la transparence et la redevabilité concernant les rapports de contrôle et le suivi de leurs recommandations",
            "Enhancing transparency and accountability of audit reports and the follow-up of their recommendations"),
        axis: Axis3,
        lead: "incc",
        supporters: ["governance", "albawsala"],
        policyAreas: ["Public accountability", "Audits and controls", "Anti-corruption and integrity"],
        start: D(2024, 1, 1),
        end: D(2025, 10, 31),
        baseline: "Les rapports des corps de contrôle sont publiés de manière limitée et il n'existe pas de mécanisme public "
            + "permettant de suivre la mise en œuvre de leurs recommandations.",
        values: new OgpValues(Transparency: true, CivicParticipation: false, PublicAccountability: true, Technology: true, Inclusion: false),
        budget: new Budget(null, "TND", "Budget de l'État, à confirmer"),
        links:
        [
            "Loi organique n° 2016-22 du 24 mars 2016 relative au droit d'accès à l'information",
            "Plan de développement 2023-2025",
        ],
        sdgs: [16],
        milestones:
        [
            M("m1", "Définition, avec les corps de contrôle, des règles de publication des rapports et de leurs synthèses",
                "Guide de publication adopté", D(2024, 1, 1), D(2024, 6, 30), "incc"),
            M("m2", "Développement d'un système de suivi de la mise en œuvre des recommandations par les structures contrôlées",
                "Système de suivi opérationnel", D(2024, 7, 1), D(2025, 3, 31), "incc"),
            M("m3", "Publication d'un rapport annuel sur l'état de mise en œuvre des recommandations",
                "Rapport annuel publié", D(2025, 3, 1), D(2025, 9, 30), "incc"),
            M("m4", "Séance publique de présentation du rapport avec la société civile",
                "Compte rendu publié", D(2025, 9, 1), D(2025, 10, 31), "albawsala"),
        ],
        analysis: null,
        texts: Texts(
            problem: "Les recommandations issues des missions de contrôle ne sont pas toujours mises en œuvre et les citoyens n'ont aucune information sur leur suivi. "
                + "Les mêmes défaillances de gestion se répètent ainsi d'une année à l'autre.",
            statusQuo: "La Haute Instance du Contrôle Administratif et Financier publie des rapports d'activité, "
                + "mais le suivi détaillé de la mise en œuvre des recommandations par les structures contrôlées n'est pas accessible au public.",
            description: "La Haute Instance, avec la Direction générale de la gouvernance et de la prévention de la corruption, définira des règles de publication des rapports de contrôle, "
                + "développera un système de suivi de la mise en œuvre des recommandations et publiera un rapport annuel sur leur état d'avancement.",
            contribution: "Le suivi des recommandations deviendra visible, ce qui incitera les structures contrôlées à corriger les défaillances relevées "
                + "et permettra à la société civile de leur en demander compte.",
            ogpRelevance: "Transparence par la publication des rapports et de leur suivi ; "
                + "redevabilité par l'obligation de rendre compte publiquement des suites données aux contrôles.",
            ambition: "La publication du taux de mise en œuvre des recommandations par structure constituerait une avancée notable pour la redevabilité de l'administration."));

    private static CommitmentEntry Commitment13() => Commitment(
        number: 13,
        title: new LocalizedText(
            "تعزيز حوكمة الجمعيات في إطار تطوير الفضاء المدني",
            "Renforcement de la gouvernance des associations dans le cadre du développement de l'espace civique",
            "Strengthening the governance of associations as part of developing civic space"),
        axis: Axis3,
        lead: "ifeda",
        supporters: ["article19", "solidar"],
        policyAreas: ["Civic space", "Nonprofit governance", "Public participation"],
        start: D(2024, 1, 1),
        end: D(2025, 10, 31),
        baseline: "Le décret-loi n° 2011-88 impose aux associations des obligations de transparence financière, "
            + "mais de nombreuses associations, en particulier locales, manquent d'outils et de formation pour s'y conformer.",
        values: new OgpValues(Transparency: true, CivicParticipation: true, PublicAccountability: true, Technology: false, Inclusion: false),
        budget: null,
        links:
        [
            "Décret-loi n° 2011-88 du 24 septembre 2011 portant organisation des associations",
        ],
        sdgs: [16, 17],
        milestones:
        [
            M("m1", "Élaboration d'un guide pratique sur la gouvernance des associations, en concertation avec la société civile",
                "Guide publié en arabe et en français", D(2024, 1, 1), D(2024, 9, 30), "ifeda"),
            M("m2", "Sessions de formation des associations locales à la gestion financière, à la transparence et à la redevabilité",
                "Sessions organisées dans plusieurs gouvernorats", D(2024, 10, 1), D(2025, 6, 30), "solidar"),
            M("m3", "Mise à disposition d'outils en ligne facilitant la publication par les associations de leurs rapports et de leurs financements",
                "Outils en ligne accessibles sur le site du Centre IFEDA", D(2025, 1, 1), D(2025, 10, 31), "ifeda"),
        ],
        analysis: null,
        texts: Texts(
            problem: "Le manque de transparence de certaines associations sur leur gouvernance et leurs financements nuit à la confiance du public "
                + "envers l'ensemble du secteur associatif et fragilise l'espace civique.",
            statusQuo: "Le cadre légal prévoit des obligations de publication et de tenue de comptes, mais leur respect est inégal, "
                + "faute d'outils adaptés et d'accompagnement, notamment pour les petites associations.",
            description: "Le Centre IFEDA, en partenariat avec des organisations de la société civile, élaborera un guide pratique sur la gouvernance des associations, "
                + "formera les associations locales et mettra à leur disposition des outils en ligne pour publier leurs rapports et leurs sources de financement.",
            contribution: "L'engagement renforcera la capacité des associations à respecter leurs obligations et à rendre compte à leurs membres et au public, "
                + "consolidant ainsi la confiance dans le secteur associatif.",
            ogpRelevance: "Il relève de la transparence et de la redevabilité des acteurs associatifs, "
                + "ainsi que de la participation, le guide étant co-construit avec les associations.",
            ambition: "L'engagement privilégie l'accompagnement et l'autorégulation plutôt que la contrainte, "
                + "en cohérence avec la préservation d'un espace civique ouvert."));

    // ---- Axis 4: development and digitalisation of administrative services -----------------------------------------

    private static CommitmentEntry Commitment14() => Commitment(
        number: 14,
        title: new LocalizedText(
            "إعادة هندسة مسار الاستثمار لرقمنة الخدمات الإدارية الموجهة إلى المستثمرين",
            "Réingénierie du parcours d'investissement pour la digitalisation des services administratifs destinés aux investisseurs",
            "Re-engineering the investment process to digitise administrative services for investors"),
        axis: Axis4,
        lead: "egov",
        supporters: ["tia", "industry"],
        policyAreas: ["E-government", "Public service delivery", "Regulatory simplification", "Business environment"],
        start: D(2024, 1, 1),
        end: D(2025, 10, 31),
        baseline: "Investors must complete many procedures with several administrations, largely on paper and with little visibility on processing times; "
            + "there is no single online space to track a file from end to end.",
        values: new OgpValues(Transparency: true, CivicParticipation: false, PublicAccountability: true, Technology: true, Inclusion: false),
        budget: new Budget(null, "TND", "State budget, to be confirmed"),
        links:
        [
            "Investment Law 2016-71 of 30 September 2016",
            "Development Plan 2023-2025",
        ],
        sdgs: [8, 9, 16],
        milestones:
        [
            M("m1", "Map the investor journey and the related administrative procedures",
                "Published map of procedures with their legal basis, required documents and processing times", D(2024, 1, 1), D(2024, 6, 30), "tia"),
            M("m2", "Simplify and re-engineer priority procedures, removing redundant documents and steps",
                "Simplified procedures adopted by the administrations concerned", D(2024, 7, 1), D(2025, 3, 31), "egov"),
            M("m3", "Digitise priority procedures in a single online space with file tracking",
                "Online services in production with end-to-end file tracking", D(2024, 10, 1), D(2025, 10, 31), "egov"),
            M("m4", "Publish service-level indicators (processing times, rejection rates) as open data",
                "Quarterly open data on service performance", D(2025, 4, 1), D(2025, 10, 31), "tia"),
        ],
        analysis: null,
        texts: Texts(
            problem: "The investment process involves numerous paper-based procedures spread across several administrations, with unclear requirements and unpredictable delays. "
                + "This opacity discourages investment and leaves room for discretionary practices.",
            statusQuo: "Some procedures are already available online, but investors still submit the same documents several times "
                + "and cannot follow the progress of their file across administrations.",
            description: "The E-Government Unit, with the Tunisia Investment Authority and the Ministry of Industry, Mines and Energy, will map and simplify the investor journey, "
                + "digitise priority procedures in a single online space with file tracking and publish service performance indicators.",
            contribution: "The commitment will reduce delays and costs for investors, limit opportunities for discretionary treatment "
                + "and make the performance of the administration measurable by the public.",
            ogpRelevance: "Transparency through the publication of procedures and performance data; public accountability through published service levels "
                + "the administration can be held to; technology as the enabler.",
            ambition: "Moving from fragmented paper procedures to traceable end-to-end online services with public performance indicators "
                + "is a substantial change in how the administration serves investors."));

    private static CommitmentEntry Commitment15() => Commitment(
        number: 15,
        title: new LocalizedText(
            "تطوير الخدمات الإدارية عن بعد وتحسين جودتها بمشاركة المستعملين",
            "Développement des services administratifs en ligne et amélioration de leur qualité avec la participation des usagers",
            "Developing online administrative services and improving their quality with user participation"),
        axis: Axis4,
        lead: "egov",
        supporters: ["bcrc", "idaraty"],
        policyAreas: ["E-government", "Public service delivery", "Digital inclusion", "User feedback"],
        start: D(2024, 1, 1),
        end: D(2025, 10, 31),
        baseline: "L'offre de services administratifs en ligne progresse mais reste inégale selon les administrations ; "
            + "la qualité des services n'est pas mesurée du point de vue des usagers et aucun résultat n'est publié.",
        values: new OgpValues(Transparency: false, CivicParticipation: true, PublicAccountability: true, Technology: true, Inclusion: true),
        budget: new Budget(null, "TND", "Budget de l'État, à confirmer"),
        links:
        [
            "Décret n° 93-982 du 3 mai 1993 relatif à la relation entre l'administration et ses usagers",
            "Plan de développement 2023-2025",
        ],
        sdgs: [9, 10, 16],
        milestones:
        [
            M("m1", "Identification, avec les usagers et la société civile, des services administratifs prioritaires à dématérialiser",
                "Liste priorisée des services publiée", D(2024, 1, 1), D(2024, 4, 30), "egov"),
            M("m2", "Dématérialisation des services prioritaires selon des normes d'accessibilité, y compris pour les personnes en situation de handicap",
                "Services en ligne accessibles mis en production", D(2024, 5, 1), D(2025, 6, 30), "egov"),
            M("m3", "Mise en place d'un mécanisme d'évaluation de la qualité des services par les usagers (notation et commentaires)",
                "Mécanisme d'évaluation intégré aux services en ligne", D(2024, 10, 1), D(2025, 6, 30), "bcrc"),
            M("m4", "Publication d'un rapport citoyen sur la qualité des services en ligne, élaboré avec la société civile",
                "Rapport publié", D(2025, 6, 1), D(2025, 10, 31), "idaraty"),
        ],
        analysis: null,
        texts: Texts(
            problem: "Les démarches administratives restent longues et exigent souvent des déplacements répétés, en particulier pour les habitants des régions intérieures "
                + "et les personnes en situation de handicap. Les usagers n'ont pas de moyen simple de signaler un service défaillant.",
            statusQuo: "Plusieurs services ont été dématérialisés, mais sans démarche commune d'accessibilité ni mesure de la satisfaction ; "
                + "les avis des usagers ne sont ni recueillis de manière systématique ni publiés.",
            description: "L'Unité de l'administration électronique dématérialisera des services prioritaires choisis avec les usagers, dans le respect de normes d'accessibilité, "
                + "et mettra en place, avec le Bureau central des relations avec le citoyen et l'association Idaraty, un mécanisme d'évaluation de la qualité des services par les usagers.",
            contribution: "L'engagement réduira les déplacements et les délais, améliorera l'accès aux services pour les publics éloignés ou vulnérables "
                + "et fera de l'avis des usagers un levier d'amélioration continue.",
            ogpRelevance: "Participation citoyenne : choix des services et évaluation par les usagers. Redevabilité : rapport public sur la qualité des services. "
                + "Technologie et inclusion : services en ligne accessibles.",
            ambition: "Associer les usagers au choix, à l'évaluation et au suivi public des services en ligne marque une évolution "
                + "par rapport à une dématérialisation pensée uniquement du côté de l'administration."));

    // ------------------------------------------------------------------------------------------------------------
    // Helpers
    // ------------------------------------------------------------------------------------------------------------

    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    private static (string Id, InstitutionDefinition Definition) Institution(
        string id, InstitutionKind kind, string? acronym, string ar, string fr, string en) =>
        (id, new InstitutionDefinition(new LocalizedText(ar, fr, en), kind, acronym));

    private static LocalizedText InstitutionName(string id) =>
        Institutions.First(i => i.Id == id).Definition.Name;

    private static Milestone M(string id, string action, string expectedOutput, DateOnly start, DateOnly end, string responsibleInstitutionId) =>
        new(id, action, expectedOutput, start, end, responsibleInstitutionId);

    private static IReadOnlyDictionary<string, string> Texts(
        string problem, string statusQuo, string description, string contribution, string ogpRelevance, string ambition) =>
        new Dictionary<string, string>
        {
            [CommitmentTextFields.Problem] = problem,
            [CommitmentTextFields.StatusQuo] = statusQuo,
            [CommitmentTextFields.Description] = description,
            [CommitmentTextFields.Contribution] = contribution,
            [CommitmentTextFields.OgpRelevance] = ogpRelevance,
            [CommitmentTextFields.Ambition] = ambition,
        };

    private static CommitmentEntry Commitment(
        int number,
        LocalizedText title,
        string axis,
        string lead,
        IReadOnlyList<string> supporters,
        IReadOnlyList<string> policyAreas,
        DateOnly start,
        DateOnly end,
        string baseline,
        OgpValues values,
        Budget? budget,
        IReadOnlyList<string> links,
        IReadOnlyList<int> sdgs,
        IReadOnlyList<Milestone> milestones,
        ProblemAnalysis? analysis,
        IReadOnlyDictionary<string, string> texts) =>
        (
            $"{PlanId}-{number:D2}",
            new CommitmentDetails(number, title, axis, lead, supporters, policyAreas, start, end, baseline, values, budget, links, sdgs, milestones, analysis),
            texts);
}
