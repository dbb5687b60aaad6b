import ArgumentParser
import Foundation
import RehabCore

struct ShoesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shoes",
        abstract: .translated(
            "Running shoes: kilometres per shoe, and when to replace them (600-800 km)."),
        subcommands: [List.self, Add.self],
        defaultSubcommand: List.self
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: .translated(
                "Each shoe with its running total, start km, retire threshold and state."))
        @OptionGroup var global: GlobalOptions
        @Flag(help: .translated("Machine-readable output.")) var json = false

        func run() throws {
            let context = try Context(global)
            let store = try context.openStore()
            let patient = try context.resolvePatient(store)
            let shoes = try context.storing { try store.shoes(patientID: patient.id) }
            let history = try context.storing { try store.history(patientID: patient.id) }
            let kms = ShoeWear.km(of: shoes, sessions: history.sessions)
            let rows = zip(shoes, kms).map { shoe, km in
                ShoeJSON(
                    name: shoe.name, km: km, startKm: shoe.startKm, retireKm: shoe.retireKm,
                    state: ShoeWear.state(of: shoe, km: km).rawValue)
            }
            if json {
                try context.printJSON(rows)
                return
            }
            guard !rows.isEmpty else {
                print(context.say(Phrase.noShoes()))
                return
            }
            let titles = Phrase.shoeColumns().map(context.say)
            let cells = rows.map { row in
                [
                    row.name, formatNumber(row.km, decimals: 2),
                    formatNumber(row.startKm, decimals: 2),
                    formatNumber(row.retireKm, decimals: 0),
                    (ShoeState(rawValue: row.state)?.name).map(context.say) ?? row.state,
                ]
            }
            print(table(header: titles, rows: cells))
            for warning in ShoeWear.warnings(shoes: shoes, sessions: history.sessions) {
                print(context.say(warning.message))
            }
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: .translated("Add a shoe; pick it per run with 'rehab log --shoe NAME'."))
        @OptionGroup var global: GlobalOptions
        @Argument(help: .translated("The shoe's name, e.g. \"Pegasus 40 blue\".")) var name: String
        @Option(
            name: .customLong("start-km"),
            help: .translated("Kilometres already on the shoe (0-100000, default 0)."))
        var startKm: String?
        @Option(
            name: .customLong("retire-km"),
            help: .translated("Replace the shoe after this many km (600-800, default 700)."))
        var retireKm: String?

        func run() throws {
            let context = try Context(global)
            let name = try context.check { try Validate.name(self.name, field: "name") }
            let start = try startKm.map { text in
                try context.check { try ShoeWear.startKm(text, field: "start-km") }
            }
            let retire = try retireKm.map { text in
                try context.check { try ShoeWear.retireKm(text, field: "retire-km") }
            }
            let store = try context.openStore()
            let patient = try context.resolvePatient(store)
            let shoe = Shoe(
                name: name, startKm: start ?? 0, retireKm: retire ?? ShoeWear.defaultRetireKm)
            do {
                try context.storing { try store.addShoe(patientID: patient.id, shoe) }
            } catch RecordError.duplicateShoe(let taken) {
                throw context.fail(Phrase.duplicateShoe(taken))
            }
            print(
                context.say(
                    Phrase.shoeAdded(
                        shoe.name, startKm: formatNumber(shoe.startKm, decimals: 2),
                        retireKm: formatNumber(shoe.retireKm, decimals: 0))))
        }
    }
}

struct ShoeJSON: Encodable {
    let name: String
    let km: Double
    let startKm: Double
    let retireKm: Double
    /// fine, worn (from 600 km) or retire (past the retire threshold).
    let state: String

    enum CodingKeys: String, CodingKey {
        case name, km, state
        case startKm = "start_km"
        case retireKm = "retire_km"
    }
}

/// Left-aligned columns, two spaces apart, widths by characters.
func table(header: [String], rows: [[String]]) -> String {
    let all = [header] + rows
    let widths = header.indices.map { i in
        all.map { $0.indices.contains(i) ? $0[i].count : 0 }.max() ?? 0
    }
    return all.map { row in
        row.enumerated().map { i, cell in
            i == row.count - 1
                ? cell : cell.padding(toLength: widths[i], withPad: " ", startingAt: 0)
        }.joined(separator: "  ")
    }.joined(separator: "\n")
}
