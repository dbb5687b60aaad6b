import ArgumentParser
import Foundation
import RehabCore
import RehabFiles

struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract:
            .translated(
                "Add a demo patient with about two months of realistic history (runner's knee plan)."
            ),
        discussion: .translated(
            """
            With --years, the demo runner gets that many years: training blocks between \
            injuries, the knee coming back, other injuries, shoes replaced. With --patients, \
            a demo clinic: that many patients (2 years each unless --years), each on a plan \
            of the catalogue. Every patient is written in one transaction.
            """))
    @OptionGroup var global: GlobalOptions
    @Option(help: .translated("Years of history per patient (1-30).")) var years: String?
    @Option(help: .translated("How many demo patients (1-5000).")) var patients: String?
    @Option(
        help: .translated(
            "Seed of the generator (0-999999999, default 7): same seed, same history."))
    var seed: String?

    static let patientName = "Sam"
    /// The demo runner's injuries between the knee episodes: common running injuries.
    static let runnerInjuries = [
        "itbs", "achilles_tendinopathy", "shin_splints", "plantar_fasciitis", "calf_injury",
        "patellofemoral_pain",
    ]

    func run() throws {
        let context = try Context(global)
        let years = try context.integer(self.years, field: "years", in: 1...30)
        let count = try context.integer(patients, field: "patients", in: 1...5000)
        let seed = try UInt64(context.integer(self.seed, field: "seed", in: 0...999_999_999) ?? 7)
        if years == nil && count == nil {
            try story(context, seed: seed)
        } else {
            try clinic(context, years: years ?? 2, count: count ?? 1, seed: seed)
        }
    }

    /// The default: one runner, a couple of months on the knee plan.
    func story(_ context: Context, seed: UInt64) throws {
        let plan = try context.loadPlan("itbs")
        let variant = plan.variants.first?.id
        // The story follows the plan as this variant resolves it (its own phase lengths and steps).
        let story = DemoHistory.story(
            plan: plan.resolved(variant: variant), variant: variant, today: context.today,
            seed: seed)
        let store = try context.openStore()
        let name = global.patient ?? Demo.patientName
        if try context.storing({ try store.patients(includeArchived: true) }).contains(where: {
            Naming.same($0.name, name)
        }) {
            throw context.fail(Phrase.demoExists(name))
        }
        // One import is one transaction: the demo appears whole or not at all.
        let patient = ArchivedPatient(
            name: name, language: context.language, archived: false, assignment: story.assignment,
            sessions: story.history.sessions, mornings: story.history.mornings,
            clearings: story.history.clearings,
            shoes: [Shoe(name: DemoHistory.demoShoe, startKm: 120)])
        try context.storing {
            _ = try store.importAll(Archive(version: Archive.currentVersion, patients: [patient]))
        }
        print(
            context.say(
                Phrase.demoCreated(
                    name, sessions: story.history.sessions.count,
                    mornings: story.history.mornings.count,
                    path: context.databasePath)))
    }

    /// Years of history for one runner (`count` 1) or a clinic, one transaction per patient.
    func clinic(_ context: Context, years: Int, count: Int, seed: UInt64) throws {
        let catalog = try context.loadCatalog().sorted { $0.id < $1.id }
        guard let knee = catalog.first(where: { $0.id == "itbs" }) ?? catalog.first else {
            throw context.fail(Phrase.noPlansFound(context.planDirectories))
        }
        func injury(_ plan: Plan, variant: Int) -> DemoHistory.Injury {
            let id = plan.variants.isEmpty ? nil : plan.variants[variant % plan.variants.count].id
            return DemoHistory.Injury(plan: plan.resolved(variant: id), variant: id)
        }
        let runnerPool = catalog.filter { Demo.runnerInjuries.contains($0.id) }
            .map { injury($0, variant: 0) }
        let clinicPool = catalog.map { injury($0, variant: 0) }
        let names =
            count == 1
            ? [global.patient ?? Demo.patientName]
            : DemoHistory.clinicNames(count: count, seed: seed)
        let store = try context.openStore()
        let existing = Set(
            try context.storing { try store.patients(includeArchived: true) }.map {
                $0.name.lowercased()
            })
        let taken = names.filter { existing.contains($0.lowercased()) }
        if count == 1, let name = taken.first { throw context.fail(Phrase.demoExists(name)) }
        guard taken.isEmpty else { throw context.fail(Phrase.demoNamesTaken(taken)) }

        var rng = DemoHistory.Generator(seed: seed)
        var sessions = 0
        var mornings = 0
        for name in names {
            let current: DemoHistory.Injury
            let language: Language
            if count == 1 {
                current = injury(knee, variant: 0)
                language = context.language
            } else {
                current = injury(catalog[rng.below(catalog.count)], variant: rng.below(3))
                language = rng.chance(70) ? .nl : .en
            }
            let story = DemoHistory.career(
                current: current, injuries: count == 1 ? runnerPool : clinicPool, years: years,
                today: context.today, seed: rng.next())
            // A few clinic patients finished their plan and were archived by the physio.
            let patient = ArchivedPatient(
                name: name, language: language, archived: count > 1 && rng.chance(8),
                assignment: story.assignment, sessions: story.history.sessions,
                mornings: story.history.mornings, clearings: story.history.clearings,
                shoes: story.shoes)
            try context.storing {
                _ = try store.importAll(
                    Archive(version: Archive.currentVersion, patients: [patient]))
            }
            sessions += story.history.sessions.count
            mornings += story.history.mornings.count
        }
        if count == 1 {
            print(
                context.say(
                    Phrase.demoCreated(
                        names[0], sessions: sessions, mornings: mornings,
                        path: context.databasePath)))
        } else {
            print(
                context.say(
                    Phrase.demoClinicCreated(
                        patients: count, years: years, sessions: sessions, mornings: mornings,
                        path: context.databasePath)))
        }
    }
}
