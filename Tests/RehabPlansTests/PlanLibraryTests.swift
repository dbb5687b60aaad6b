import Foundation
import RehabCore
import Testing

@testable import RehabPlans

/// The catalogue built into the binary, and plan folders that add to it or override it.
@Suite struct PlanLibraryTests {
    @Test func theEmbeddedCatalogueIsPlansByteForByte() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: repoPlans)
            .filter { $0.hasSuffix(".yaml") && !$0.hasPrefix(".") }
            .map { String($0.dropLast(5)) }
            .sorted()
        #expect(EmbeddedCatalogue.files.map(\.name) == names)
        for file in EmbeddedCatalogue.files {
            let onDisk = try Data(
                contentsOf: URL(fileURLWithPath: "\(repoPlans)/\(file.name).yaml"))
            #expect(
                Data(file.text.utf8) == onDisk, "\(file.name).yaml differs from the built-in copy")
        }
    }

    @Test func theBuiltInCatalogueLoadsWithoutErrorsAndEachIDIsItsName() {
        let (plans, errors) = PlanLibrary(folders: []).all()
        #expect(errors.map(\.description) == [])
        #expect(plans.map(\.plan.id) == EmbeddedCatalogue.files.map(\.name))
        #expect(plans.allSatisfy { $0.origin == .builtIn && $0.overrides.isEmpty })
    }

    @Test func aFolderAddsPlansAndOverridesBuiltInOnesByID() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let minimal = String(decoding: try fixture("valid_minimal.yaml"), as: UTF8.self)
        for id in ["itbs", "my_plan"] {
            let text = minimal.replacingOccurrences(of: "id: valid_minimal", with: "id: \(id)")
            try Data(text.utf8).write(to: URL(fileURLWithPath: "\(dir)/\(id).yaml"))
        }
        let library = PlanLibrary(folders: [dir + "/missing", dir])
        let (plans, errors) = library.all()
        #expect(errors.isEmpty)
        #expect(plans.count == EmbeddedCatalogue.files.count + 1)
        let itbs = try #require(plans.first { $0.plan.id == "itbs" })
        #expect(itbs.origin == .file(dir + "/itbs.yaml"))
        #expect(itbs.overrides == [.builtIn])
        #expect(plans.first { $0.plan.id == "my_plan" }?.origin == .file(dir + "/my_plan.yaml"))
        #expect(plans.first { $0.plan.id == "shin_splints" }?.origin == .builtIn)

        let one = try #require(try library.plan("itbs"))
        #expect(one.origin == .file(dir + "/itbs.yaml"))
        #expect(
            one.plan.phases.count
                != PlanLibrary(folders: []).all().plans.first {
                    $0.plan.id == "itbs"
                }?.plan.phases.count)
        #expect(try library.plan("no_such_plan") == nil)
        #expect(try library.plan("../etc/passwd") == nil)
    }

    @Test func theFirstFolderWinsAndABrokenOverrideFallsBackWithItsError() throws {
        let high = try temporaryDirectory()
        let low = try temporaryDirectory()
        defer {
            try? FileManager.default.removeItem(atPath: high)
            try? FileManager.default.removeItem(atPath: low)
        }
        try Data("id: itbs\n".utf8).write(to: URL(fileURLWithPath: "\(high)/itbs.yaml"))
        let minimal = String(decoding: try fixture("valid_minimal.yaml"), as: UTF8.self)
        try Data(minimal.replacingOccurrences(of: "id: valid_minimal", with: "id: itbs").utf8)
            .write(to: URL(fileURLWithPath: "\(low)/itbs.yaml"))
        let library = PlanLibrary(folders: [high, low])
        #expect(
            library.origins(of: "itbs") == [
                .file(high + "/itbs.yaml"), .file(low + "/itbs.yaml"), .builtIn,
            ])
        let (plans, errors) = library.all()
        #expect(!errors.isEmpty && Set(errors.map(\.file)) == [high + "/itbs.yaml"])
        #expect(plans.first { $0.plan.id == "itbs" }?.origin == .file(low + "/itbs.yaml"))
        // Asked for by id, the file that should provide it is broken: say so, do not fall back.
        #expect(throws: PlanFileErrors.self) { _ = try library.plan("itbs") }
    }

    @Test func theUserFolderFollowsXDG() {
        #expect(
            PlanLibrary.userFolder(environment: ["XDG_DATA_HOME": "/x/data", "HOME": "/home/sam"])
                == "/x/data/rehab/plans")
        #expect(
            PlanLibrary.userFolder(environment: ["XDG_DATA_HOME": "rel", "HOME": "/home/sam"])
                == "/home/sam/.local/share/rehab/plans")
        #expect(
            PlanLibrary.standard(explicit: "mine", environment: ["HOME": "/home/sam"]).folders
                == ["mine", "/home/sam/.local/share/rehab/plans"])
    }

    @Test func aFileHandedOverMayHaveAnotherNameThanItsID() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/ann.yaml"
        try Data(try fixture("valid_minimal.yaml")).write(to: URL(fileURLWithPath: path))
        let (errors, warnings) = PlanFile.check(path: path)
        #expect(errors.isEmpty)
        #expect(
            warnings.map(\.description) == [
                "\(path):1:5: id: valid_minimal does not match the file name ann.yaml; fine for a "
                    + "plan file handed over (rehab start --plan-file), but in a plans folder it "
                    + "must be named valid_minimal.yaml"
            ])
    }
}
