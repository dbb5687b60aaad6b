/// What a runner can log as a session.
public enum Activity: String, CaseIterable, Sendable, Codable {
    case run, walk, cycle, swim
    case aquaJog = "aqua_jog"
    case crossTrainer = "cross_trainer"
    case strength, exercises, other

    public var name: LocalizedText {
        switch self {
        case .run: LocalizedText(nl: "hardlopen", en: "running")
        case .walk: LocalizedText(nl: "wandelen", en: "walking")
        case .cycle: LocalizedText(nl: "fietsen", en: "cycling")
        case .swim: LocalizedText(nl: "zwemmen", en: "swimming")
        case .aquaJog: LocalizedText(nl: "aquajoggen", en: "aqua jogging")
        case .crossTrainer: LocalizedText(nl: "crosstrainer", en: "cross-trainer")
        case .strength: LocalizedText(nl: "krachttraining", en: "strength training")
        case .exercises: LocalizedText(nl: "oefeningen", en: "exercises")
        case .other: LocalizedText(nl: "anders", en: "other")
        }
    }
}

/// Movements a phase may tell the runner to avoid. Plans may only name these, so every avoid
/// line has a translation and a typo in a plan file is caught by validation.
public enum Movement: String, CaseIterable, Sendable, Codable {
    case running
    case downhillRunning = "downhill_running"
    case hillRunning = "hill_running"
    case speedWork = "speed_work"
    case longRuns = "long_runs"
    case cambered = "cambered_surfaces"
    case jumping
    case sprinting
    case deepSquats = "deep_squats"
    case kneeling
    case pivoting
    case stairs
    case longStanding = "long_standing"
    case longSitting = "long_sitting"
    case barefoot = "barefoot_walking"
    case stretchingIntoPain = "stretching_into_pain"
    case heavyLifting = "heavy_lifting"
    case kicking
    case sideSteps = "side_steps"
    case crossLegged = "sitting_cross_legged"
    case fullRest = "full_rest"

    public var name: LocalizedText {
        switch self {
        case .running: LocalizedText(nl: "hardlopen", en: "running")
        case .downhillRunning: LocalizedText(nl: "heuvelaf lopen", en: "downhill running")
        case .hillRunning: LocalizedText(nl: "heuveltraining", en: "hill running")
        case .speedWork:
            LocalizedText(nl: "tempo- en intervaltraining", en: "speed work and intervals")
        case .longRuns: LocalizedText(nl: "lange duurlopen", en: "long runs")
        case .cambered:
            LocalizedText(nl: "lopen op een schuine ondergrond", en: "running on cambered surfaces")
        case .jumping: LocalizedText(nl: "springen", en: "jumping")
        case .sprinting: LocalizedText(nl: "sprinten", en: "sprinting")
        case .deepSquats: LocalizedText(nl: "diep hurken", en: "deep squats")
        case .kneeling: LocalizedText(nl: "knielen", en: "kneeling")
        case .pivoting:
            LocalizedText(nl: "draaien op een gestrekt been", en: "pivoting and twisting")
        case .stairs: LocalizedText(nl: "veel traplopen", en: "lots of stair climbing")
        case .longStanding: LocalizedText(nl: "lang staan", en: "standing for long")
        case .longSitting: LocalizedText(nl: "lang stilzitten", en: "sitting still for long")
        case .barefoot: LocalizedText(nl: "blootsvoets lopen", en: "walking barefoot")
        case .stretchingIntoPain:
            LocalizedText(nl: "rekken tot in de pijn", en: "stretching into pain")
        case .heavyLifting: LocalizedText(nl: "zwaar tillen", en: "heavy lifting")
        case .kicking: LocalizedText(nl: "trappen en schieten", en: "kicking")
        case .sideSteps:
            LocalizedText(nl: "zijwaartse passen en wendingen", en: "side steps and cutting")
        case .crossLegged:
            LocalizedText(nl: "met gekruiste benen zitten", en: "sitting cross-legged")
        case .fullRest: LocalizedText(nl: "volledige rust", en: "complete rest")
        }
    }
}

/// Where the injury sits; the injury picker groups plans by region.
public enum BodyRegion: String, CaseIterable, Sendable, Codable {
    case foot, ankle, achilles, calf, shin
    case kneeLateral = "knee_lateral"
    case kneeAnterior = "knee_anterior"
    case kneeMedial = "knee_medial"
    case knee
    case thigh, groin, hip
    case lowBack = "low_back"

    public var name: LocalizedText {
        switch self {
        case .foot: LocalizedText(nl: "voet en hiel", en: "foot and heel")
        case .ankle: LocalizedText(nl: "enkel", en: "ankle")
        case .achilles: LocalizedText(nl: "achillespees", en: "Achilles tendon")
        case .calf: LocalizedText(nl: "kuit", en: "calf")
        case .shin: LocalizedText(nl: "scheenbeen", en: "shin")
        case .kneeLateral: LocalizedText(nl: "knie, buitenkant", en: "knee, outer side")
        case .kneeAnterior: LocalizedText(nl: "knie, voorkant", en: "knee, front")
        case .kneeMedial: LocalizedText(nl: "knie, binnenkant", en: "knee, inner side")
        case .knee: LocalizedText(nl: "knie", en: "knee")
        case .thigh: LocalizedText(nl: "bovenbeen", en: "thigh")
        case .groin: LocalizedText(nl: "lies", en: "groin")
        case .hip: LocalizedText(nl: "heup", en: "hip")
        case .lowBack: LocalizedText(nl: "onderrug", en: "low back")
        }
    }
}

/// The kind of a phase decides which rules apply (no-improvement in rest, step-back in build-up
/// and return).
public enum PhaseKind: String, CaseIterable, Sendable, Codable {
    case relativeRest = "relative_rest"
    case loadBuildUp = "load_build_up"
    case returnToRunning = "return_to_running"
    case maintenance

    public var name: LocalizedText {
        switch self {
        case .relativeRest: LocalizedText(nl: "relatieve rust", en: "relative rest")
        case .loadBuildUp: LocalizedText(nl: "belasting opbouwen", en: "build-up")
        case .returnToRunning: LocalizedText(nl: "terug naar hardlopen", en: "return to running")
        case .maintenance: LocalizedText(nl: "onderhoud", en: "maintenance")
        }
    }
}

/// Warning signs that stop the plan until a doctor has seen the runner. Plans may add their own
/// (with their own question text); these ids are stable.
public enum RedFlag {
    public static let swellingWarmthRedness = "swelling_warmth_redness"
    public static let locking = "locking"
    public static let givingWay = "giving_way"
    public static let fever = "fever"
    public static let popLossOfFunction = "pop_loss_of_function"
    public static let calfSwellingWarmRed = "calf_swelling_warm_red"
    public static let cannotBearWeight = "cannot_bear_weight"

    /// The built-in flags with a short name for lists and the stop screen.
    public static let builtIn: [String: LocalizedText] = [
        swellingWarmthRedness: LocalizedText(
            nl: "zwelling, warmte en roodheid", en: "swelling, warmth and redness"),
        locking: LocalizedText(nl: "knie schiet op slot", en: "knee locks"),
        givingWay: LocalizedText(nl: "knie zakt door of geeft mee", en: "knee gives way"),
        fever: LocalizedText(nl: "koorts", en: "fever"),
        popLossOfFunction: LocalizedText(
            nl: "plotselinge knap met direct functieverlies",
            en: "sudden pop with immediate loss of function"),
        calfSwellingWarmRed: LocalizedText(
            nl: "kuit gezwollen, warm en rood (mogelijk trombose)",
            en: "calf swollen, warm and red (possible thrombosis)"),
        cannotBearWeight: LocalizedText(
            nl: "kan niet op het been steunen", en: "cannot bear weight on the leg"),
    ]

    /// The urgency of a built-in flag when a plan does not give one (DESIGN section 4).
    public static func defaultUrgency(_ id: String) -> Urgency {
        switch id {
        case popLossOfFunction: .emergency
        case calfSwellingWarmRed, cannotBearWeight: .sameDay
        default: .seeDoctor
        }
    }

    /// A flag id is a lowercase identifier: letters, digits and underscores.
    public static func isWellFormed(_ id: String) -> Bool { Identifier.isValid(id) }
}

/// Ids of plans, phases, variants, exercises and flags: lowercase letters, digits, underscores.
public enum Identifier {
    public static func isValid(_ id: String) -> Bool {
        !id.isEmpty && id.count <= 64
            && id.unicodeScalars.allSatisfy {
                ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_"
            }
    }
}
