import RehabCore
import TerminalUI

/// The Shoes screen: the followed patient's shoes, one selected, and the add form when open.
struct ShoesState: Sendable, Hashable {
    var selection: SelectionState
    /// The add-a-shoe form over the list; nil while browsing.
    var adding: ShoeForm?

    init(selection: SelectionState = SelectionState(), adding: ShoeForm? = nil) {
        self.selection = selection
        self.adding = adding
    }
}

/// A new shoe as typed: a name, and optionally the km already on it and its retire mark.
struct ShoeForm: Sendable, Hashable {
    enum Field: Int, CaseIterable, Sendable { case name, startKm, retireKm }

    var focus: Field = .name
    var name = TextInput()
    /// Empty means 0, as without `--start-km`.
    var startKm = TextInput()
    /// Empty means `ShoeWear.defaultRetireKm`, as without `--retire-km`.
    var retireKm = TextInput()
    var error: FieldError?

    init() {}

    func input(_ field: Field) -> TextInput {
        switch field {
        case .name: name
        case .startKm: startKm
        case .retireKm: retireKm
        }
    }
}

/// Keys of the Shoes screen and its form. The store is reached only through `.addShoe`.
enum ShoeActions {

    static func shoes(_ state: AppState) -> [Shoe] { state.followed?.shoes ?? [] }

    static func open(_ state: inout AppState) -> [Effect] {
        let count = shoes(state).count
        state.screens.append(
            .shoes(
                ShoesState(
                    selection: SelectionState(
                        selected: count > 0 ? 0 : nil))))
        return []
    }

    static func handle(_ action: AppAction, _ screen: inout ShoesState, _ state: inout AppState)
        -> [Effect]
    {
        if var form = screen.adding {
            defer { screen.adding = screen.adding == nil ? nil : form }
            return formKey(action, &form, &screen, &state)
        }
        let count = shoes(state).count
        let page = ShoesView.visibleRows(state)
        switch action {
        case _ where screen.selection.follow(action, count: count, page: page): break
        case .command(.back):
            // Leaving writes nothing back: the defer finds no Shoes screen once it is gone.
            state.screens.removeLast()
            return []
        case .command(.add): screen.adding = ShoeForm()
        default: break
        }
        screen.selection.keepVisible(count: count, visibleRows: page)
        return []
    }

    static func formKey(
        _ action: AppAction, _ form: inout ShoeForm, _ screen: inout ShoesState,
        _ state: inout AppState
    ) -> [Effect] {
        let fields = ShoeForm.Field.allCases
        switch action {
        case .command(.back):
            screen.adding = nil
        case .command(.confirm):
            switch shoe(from: form, state) {
            case .failure(let error):
                form.error = error
                form.focus = ShoeForm.Field(rawValue: error.field) ?? form.focus
            case .success(let shoe):
                // The form stays until the store says yes (`.shoeAdded`), so a refusal
                // keeps what was typed.
                form.error = nil
                return state.forPatient { .addShoe(patient: $0, shoe) }
            }
        case .command(.nextField), .command(.previousField):
            let step = action == .command(.nextField) ? 1 : fields.count - 1
            form.focus = fields[(form.focus.rawValue + step) % fields.count]
        default:
            switch form.focus {
            case .name: edit(&form.name, action)
            case .startKm: edit(&form.startKm, action)
            case .retireKm: edit(&form.retireKm, action)
            }
            if form.error?.field == form.focus.rawValue { form.error = nil }
        }
        return []
    }

    static func label(_ field: ShoeForm.Field, _ state: AppState) -> String {
        switch field {
        case .name: state.say(UIPhrase.nameLabel())
        case .startKm: state.say(UIPhrase.shoeStartKmLabel())
        case .retireKm: state.say(UIPhrase.shoeRetireKmLabel())
        }
    }

    /// The shoe the form describes, checked with the rules of `rehab shoes add` (an empty
    /// optional field is the CLI's missing option), or the first wrong field with its message.
    /// A name the patient already has, in any case, is refused here as the store would.
    static func shoe(from form: ShoeForm, _ state: AppState) -> Result<Shoe, FieldError> {
        func check<T>(_ field: ShoeForm.Field, _ body: () throws(ValidationError) -> T)
            throws(FieldError) -> T
        {
            do {
                return try body()
            } catch {
                throw FieldError(field: field.rawValue, message: state.messages.validation(error))
            }
        }
        func given(_ input: TextInput) -> String? {
            let text = input.text.trimmingCharacters(in: " ")
            return text.isEmpty ? nil : text
        }
        do throws(FieldError) {
            let name = try check(.name) { () throws(ValidationError) in
                try Validate.name(form.name.text, field: label(.name, state))
            }
            if shoes(state).contains(where: { Naming.same($0.name, name) }) {
                throw FieldError(
                    field: ShoeForm.Field.name.rawValue,
                    message: state.say(Phrase.duplicateShoe(name)))
            }
            let start = try given(form.startKm).map { text throws(FieldError) in
                try check(.startKm) { () throws(ValidationError) in
                    try ShoeWear.startKm(text, field: label(.startKm, state))
                }
            }
            let retire = try given(form.retireKm).map { text throws(FieldError) in
                try check(.retireKm) { () throws(ValidationError) in
                    try ShoeWear.retireKm(text, field: label(.retireKm, state))
                }
            }
            return .success(
                Shoe(name: name, startKm: start ?? 0, retireKm: retire ?? ShoeWear.defaultRetireKm))
        } catch {
            return .failure(error)
        }
    }

    /// The store has the shoe: the form closes and the new shoe is selected.
    static func added(_ name: String, _ state: inout AppState) -> [Effect] {
        if let i = state.newestIndex(of: .shoes),
            case .shoes(var screen) = state.screens[i]
        {
            screen.adding = nil
            let all = shoes(state)
            screen.selection.selected =
                all.firstIndex { Naming.same($0.name, name) }
                ?? (all.isEmpty ? nil : all.count - 1)
            screen.selection.keepVisible(
                count: all.count, visibleRows: ShoesView.visibleRows(state))
            state.screens[i] = .shoes(screen)
        }
        let logKey =
            KeyTable.shownKey(.logSession, in: state, contexts: [.today, .tabs]) ?? "n"
        state.notice = Notice(state.say(UIPhrase.shoeAddedNotice(name, logKey: logKey)))
        return []
    }
}
