import Foundation
import RehabCore
import RehabPlans
import RehabStore
import Testing

@testable import RehabTUI

/// The app against a real database: the plan it follows is the one the store says.
@Suite struct StoreRunnerTests {
    /// A fresh database in its own temporary directory (removed when the test ends; an open
    /// SQLite file may be unlinked on Linux).
    static func store() throws -> (Store, URL) {
        let dir = FileManager.default.temporaryDirectory
            .appendingPathComponent("rehab-runner-\(UUID().uuidString)")
        return (try Store(path: dir.appendingPathComponent("rehab.sqlite").path), dir)
    }

    static func assignment(_ plan: Plan) -> Assignment {
        Assignment(
            planID: plan.id, variantID: "acute", startDate: Fixture.today,
            phaseHistory: [PhaseChange(phase: "calm_down", date: Fixture.today, reason: .start)])
    }

    /// The physio's tuned ITB plan as a file: pain above 2 is already too much.
    static func tunedFile() -> StoredPlanFile {
        var tuned = Fixture.itbs.resolved(variant: "acute")
        tuned.thresholds.painSafeMax = 2
        return StoredPlanFile(planID: tuned.id, yaml: PlanWriter.yaml(tuned))
    }

    @Test func aPatientStartedFromAPlanFileFollowsThatFileNotTheCatalogue() throws {
        let (store, dir) = try Self.store()
        defer { try? FileManager.default.removeItem(at: dir) }
        let sam = try store.addPatient(name: "Sam", language: .en)
        try store.startPlan(
            patientID: sam.id, Self.assignment(Fixture.itbs), planFile: Self.tunedFile())
        var runner = StoreRunner(
            store: store, planDirectories: [Fixture.root.appendingPathComponent("plans").path])
        let loaded = try runner.load(patientID: sam.id, today: Fixture.today)
        let followed = try #require(loaded.followed)
        #expect(followed.template.thresholds.painSafeMax == 2)
        #expect(followed.plan.thresholds(in: followed.plan.phases[0]).painSafeMax == 2)
    }

    @Test func startingACataloguePlanOverAFilePlanForgetsTheFile() throws {
        let (store, dir) = try Self.store()
        defer { try? FileManager.default.removeItem(at: dir) }
        let sam = try store.addPatient(name: "Sam", language: .en)
        try store.startPlan(
            patientID: sam.id, Self.assignment(Fixture.itbs), planFile: Self.tunedFile())
        try store.startPlan(patientID: sam.id, Self.assignment(Fixture.itbs), replacing: true)
        #expect(try store.planFile(patientID: sam.id) == nil)
        var runner = StoreRunner(
            store: store, planDirectories: [Fixture.root.appendingPathComponent("plans").path])
        let followed = try #require(
            try runner.load(patientID: sam.id, today: Fixture.today)
                .followed)
        #expect(followed.template == Fixture.itbs)
    }
}
