import RehabCore

/// The injury picker: a filter typed by the user, the chosen plan and variant.
struct PickerState: Sendable, Hashable {
    var filter = TextInput()
    /// Index into the filtered plans (region headings are not selectable).
    var selected = 0
    var variant = 0
    /// Set when a physio sets a plan up from the Patients screen.
    var setupFor: SetupTarget?

    init() {}
}

/// The plan's red-flag questions, asked one by one before the plan starts.
struct QuestionsState: Sendable, Hashable {
    var planID: String
    var variantID: String?
    var questions: [RedFlagQuestion]
    var answers: [Bool] = []
    var setupFor: SetupTarget?
    /// The plan file the questions come from (Patients, `f`); its set-up follows the answers.
    var handedOver: HandedOverPlan?
    /// Flags a physio examined and found absent (`e`), recorded with the start.
    var examined: [String] = []

    init(planID: String, variantID: String?, questions: [RedFlagQuestion]) {
        self.planID = planID
        self.variantID = variantID
        self.questions = questions
    }

    var current: RedFlagQuestion? {
        answers.count < questions.count ? questions[answers.count] : nil
    }
}

/// The injury picker and the red-flag questions of the first run.
enum Picking {
    /// Plans whose words (id, name in the user's language, region) start with every word of
    /// the filter, grouped by body region in the model's region order. Word starts, not any
    /// substring: "itb" should find "itbs", not "kuitblessure".
    static func matches(_ catalog: [Plan], filter: String, language: Language) -> [Plan] {
        let needles = filter.lowercased().split(separator: " ").map(String.init)
        let found = catalog.filter { plan in
            guard !needles.isEmpty else { return true }
            let words = [plan.id, plan.names.text(language), plan.region.name.text(language)]
                .joined(separator: " ").lowercased()
                .split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
            return needles.allSatisfy { needle in words.contains { $0.hasPrefix(needle) } }
        }
        let order = BodyRegion.allCases
        return found.sorted { a, b in
            let ra = order.firstIndex(of: a.region) ?? 0
            let rb = order.firstIndex(of: b.region) ?? 0
            return ra != rb ? ra < rb : a.names.text(language) < b.names.text(language)
        }
    }

    static func handle(_ action: AppAction, _ picker: inout PickerState, _ state: inout AppState)
        -> [Effect]
    {
        let plans = matches(
            state.catalog ?? [], filter: picker.filter.text,
            language: state.language)
        switch action {
        case .type, .command(.backspace):
            edit(&picker.filter, action)
            picker.selected = 0
            picker.variant = 0
        case .command(.down):
            picker.selected = min(picker.selected + 1, max(0, plans.count - 1))
            picker.variant = 0
        case .command(.up):
            picker.selected = max(0, picker.selected - 1)
            picker.variant = 0
        case .command(.right), .command(.left):
            guard plans.indices.contains(picker.selected) else { break }
            let count = max(1, plans[picker.selected].variants.count)
            let step = action == .command(.right) ? 1 : count - 1
            picker.variant = (picker.variant + step) % count
        case .command(.confirm):
            guard plans.indices.contains(picker.selected) else { break }
            let plan = plans[picker.selected]
            let variant =
                plan.variants.indices.contains(picker.variant)
                ? plan.variants[picker.variant].id : nil
            var questions = QuestionsState(
                planID: plan.id, variantID: variant, questions: plan.redFlags)
            questions.setupFor = picker.setupFor
            if questions.current == nil { return finish(questions, &state) }
            state.screens.append(.questions(questions))
        default: break
        }
        return []
    }

    static func answer(
        _ action: AppAction, _ questions: inout QuestionsState,
        _ state: inout AppState
    ) -> [Effect] {
        guard let question = questions.current else { return [] }
        switch action {
        case .command(.yes):
            // Any yes: no plan starts; the stop screen says why and what to do.
            state.screens.append(
                .stop(StopState(screening: [question.id], planID: questions.planID)))
        case .command(.no):
            questions.answers.append(false)
            Screens.replaceTop(&state, .questions(questions))
            if questions.current == nil { return finish(questions, &state) }
        case .command(.examined) where questions.setupFor != nil:
            // A physio examined it and found it absent: a no, and recorded as examined.
            questions.examined.append(question.id)
            questions.answers.append(false)
            Screens.replaceTop(&state, .questions(questions))
            if questions.current == nil { return finish(questions, &state) }
        default: break
        }
        return []
    }

    /// Every question answered "no": the plan starts, or for a patient on the Patients screen
    /// the set-up form asks for the start date and weekly volume first.
    static func finish(_ questions: QuestionsState, _ state: inout AppState) -> [Effect] {
        guard let target = questions.setupFor else {
            return [.startPlan(request(questions, state))]
        }
        var form =
            questions.handedOver.map {
                SetupForm(target: target, handedOver: $0, today: state.today)
            }
            ?? SetupForm(
                target: target, planID: questions.planID, variantID: questions.variantID,
                today: state.today)
        form.examined = questions.examined
        state.screens.append(.setup(form))
        return []
    }

    static func request(_ questions: QuestionsState, _ state: AppState) -> StartRequest {
        StartRequest(
            planID: questions.planID, variantID: questions.variantID, date: state.today,
            newPatientName: state.patient == nil ? state.newPatientName : nil,
            language: state.language, patientID: state.patient?.id)
    }
}
