import ArgumentParser
import Foundation
import RehabCore
import RehabStore

struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Add a demo patient with about two months of realistic history (runner's knee plan).")
    @OptionGroup var global: GlobalOptions

    static let patientName = "Sam"

    func run() throws {
        let context = try Context(global)
        let plan = try context.loadPlan("itbs")
        let variant = plan.variants.first?.id
        // The story follows the plan as this variant resolves it (its own phase lengths and steps).
        let story = DemoHistory.story(
            plan: plan.resolved(variant: variant), variant: variant, today: context.today)
        let store = try context.openStore()
        let name = global.patient ?? Demo.patientName
        if try context.storing({ try store.patients(includeArchived: true) }).contains(where: {
            $0.name.lowercased() == name.lowercased()
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
            try store.importAll(Archive(version: Archive.currentVersion, patients: [patient]))
        }
        print(
            context.say(
                Phrase.demoCreated(
                    name, sessions: story.history.sessions.count,
                    mornings: story.history.mornings.count,
                    path: context.databasePath)))
    }
}
