import Foundation
import RehabCore
import Testing

@testable import RehabPlans

/// The repository's own plans directory, found from this file's path.
let repoPlans: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.appendingPathComponent("plans").path
}()

@Suite struct CatalogFileTests {
    @Test func everyPlanInTheRepositoryLoadsAndValidates() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: repoPlans)
            .filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(names.contains("itbs.yaml"))
        #expect(names.contains("achilles_tendinopathy.yaml"))
        for name in names {
            do {
                let plan = try PlanFile.load(path: repoPlans + "/" + name)
                #expect(plan.id + ".yaml" == name)
                #expect(!plan.phases.isEmpty)
            } catch {
                Issue.record("\(name) does not validate:\n\(error.description)")
            }
        }
    }
}
