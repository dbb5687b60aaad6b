import Foundation
import RehabCore
import Testing

@testable import RehabPlans

@Suite struct PlanCatalogTests {
    @Test func loadsTheFirstExistingDirectorySortedByIDAndKeepsGoingPastBadFiles() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let minimal = String(decoding: try fixture("valid_minimal.yaml"), as: UTF8.self)
        for id in ["zeta", "alpha"] {
            let text = minimal.replacingOccurrences(of: "id: valid_minimal", with: "id: \(id)")
            try Data(text.utf8).write(to: URL(fileURLWithPath: "\(dir)/\(id).yaml"))
        }
        try Data(try fixture("duplicate_phase_id.yaml")).write(
            to: URL(fileURLWithPath: "\(dir)/duplicate_phase_id.yaml"))
        try Data("not a plan".utf8).write(to: URL(fileURLWithPath: "\(dir)/notes.txt"))

        let (plans, errors) = PlanCatalog.load(directories: [dir + "/missing", dir])
        #expect(plans.map(\.id) == ["alpha", "zeta"])
        #expect(
            errors.map(\.description) == [
                "\(dir)/duplicate_phase_id.yaml:12:9: phases[1].id: duplicate phase id rest "
                    + "(first at line 7)"
            ])
    }

    @Test func noDirectoryAtAllIsOneError() {
        let (plans, errors) = PlanCatalog.load(directories: ["/nonexistent/a", "/nonexistent/b"])
        #expect(plans.isEmpty)
        #expect(
            errors.map(\.description) == [
                "/nonexistent/a:1:1: no plan directory found "
                    + "(tried: /nonexistent/a, /nonexistent/b)"
            ])
    }

    @Test func theRepositoryCatalogLoadsWithoutErrors() {
        let (plans, errors) = PlanCatalog.load(directories: [repoPlans])
        #expect(errors.map(\.description) == [])
        #expect(plans.map(\.id) == plans.map(\.id).sorted())
        #expect(plans.contains { $0.id == "itbs" })
        #expect(plans.contains { $0.id == "achilles_tendinopathy" })
    }
}
