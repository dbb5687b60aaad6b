import Testing

@testable import RehabCore

// Moving between phases (`Engine.phaseChange`), one row per rule, on the three-phase test plan:
// stepping back is always allowed; moving on needs the exit criteria and no open red flag
// unless forced; skipping a phase needs force.
@Suite struct PhaseMoveTests {
    static let inRest = assignment(start: "2026-03-02", [("rest", "2026-03-02")])
    static let inReturn = assignment(
        start: "2026-03-02",
        [("rest", "2026-03-02"), ("build", "2026-03-09"), ("return", "2026-03-20")])

    /// Four pain-free 30-minute walks and quiet mornings: the rest phase's exit is met by 6 March.
    static let readyHistory = History(
        sessions: ["2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05"].map {
            walk($0, minutes: 30)
        },
        mornings: ["2026-03-03", "2026-03-04", "2026-03-05", "2026-03-06"].map { morning($0, 0) })

    func move(
        _ move: PhaseMove, force: Bool = false, _ a: Assignment, _ history: History = History(),
        on today: String
    ) -> Result<PhaseChange, PhaseMoveRefusal> {
        let status = Engine.status(
            plan: testPlan, assignment: a, history: history, today: day(today))
        do {
            return .success(
                try Engine.phaseChange(
                    move, force: force, plan: testPlan, status: status, on: day(today)))
        } catch {
            return .failure(error)
        }
    }

    func change(_ phase: String, _ reason: PhaseChangeReason, _ date: String)
        -> Result<PhaseChange, PhaseMoveRefusal>
    {
        .success(PhaseChange(phase: phase, date: day(date), reason: reason))
    }

    @Test func readyAndNoFlagsMovesOn() {
        let status = Engine.status(
            plan: testPlan, assignment: Self.inRest, history: Self.readyHistory,
            today: day("2026-03-06"))
        #expect(status.readiness.ready)
        #expect(
            move(.advance, Self.inRest, Self.readyHistory, on: "2026-03-06")
                == change("build", .advance, "2026-03-06"))
        #expect(
            move(.to("build"), Self.inRest, Self.readyHistory, on: "2026-03-06")
                == change("build", .advance, "2026-03-06"))
    }

    @Test func notReadyIsRefusedWithTheUnmetCriteria() throws {
        let result = move(.advance, Self.inRest, on: "2026-03-03")
        guard case .failure(.notReady(let phase, let unmet)) = result else {
            Issue.record("expected notReady, got \(result)")
            return
        }
        #expect(phase == buildPhase)
        #expect(!unmet.isEmpty && unmet.allSatisfy { !$0.met })
        // Only what is not met: the walk criterion (no walks logged) is among them.
        #expect(unmet.contains { $0.criterion == .painFreeWalkMinutes })
    }

    /// A red flag is cleared (with who cleared it), never forced past: the CLI's --force
    /// refuses as the app does.
    @Test func anOpenRedFlagBlocksMovingOnEvenForced() {
        var flagged = Self.readyHistory
        flagged.mornings[3].flags = ["numb_foot"]
        #expect(
            move(.advance, Self.inRest, flagged, on: "2026-03-06")
                == .failure(.openFlags(buildPhase)))
        #expect(
            move(.advance, force: true, Self.inRest, flagged, on: "2026-03-06")
                == .failure(.openFlags(buildPhase)))
        // Stepping back stays open with a red flag: it is the safe direction.
        #expect(
            move(.stepBack, Self.inReturn, flagged, on: "2026-03-21")
                == change("build", .stepBack, "2026-03-21"))
    }

    @Test func forceMovesOnWithoutTheCriteria() {
        #expect(
            move(.advance, force: true, Self.inRest, on: "2026-03-03")
                == change("build", .forced, "2026-03-03"))
    }

    @Test func skippingAPhaseNeedsForce() {
        #expect(
            move(.to("return"), Self.inRest, Self.readyHistory, on: "2026-03-06")
                == .failure(.skipNeedsForce(returnPhase)))
        #expect(
            move(.to("return"), force: true, Self.inRest, on: "2026-03-03")
                == change("return", .forced, "2026-03-03"))
    }

    @Test func steppingBackIsAlwaysAllowed() {
        #expect(
            move(.stepBack, Self.inReturn, on: "2026-03-21")
                == change("build", .stepBack, "2026-03-21"))
        #expect(
            move(.to("rest"), Self.inReturn, on: "2026-03-21")
                == change("rest", .stepBack, "2026-03-21"))
        // Force changes nothing about stepping back.
        #expect(
            move(.to("rest"), force: true, Self.inReturn, on: "2026-03-21")
                == change("rest", .stepBack, "2026-03-21"))
    }

    @Test func theEndsOfThePlan() {
        #expect(move(.advance, Self.inReturn, on: "2026-03-21") == .failure(.lastPhase))
        #expect(move(.stepBack, Self.inRest, on: "2026-03-03") == .failure(.firstPhase))
    }

    @Test func theCurrentOrAnUnknownPhaseIsRefused() {
        #expect(move(.to("rest"), Self.inRest, on: "2026-03-03") == .failure(.alreadyIn(restPhase)))
        #expect(
            move(.to("ankle"), force: true, Self.inRest, on: "2026-03-03")
                == .failure(.unknownPhase("ankle", known: ["rest", "build", "return"])))
    }
}

/// The checkpoint key (`StableHash`) is the same in every run of the program: it hashes a
/// value's structure, with dictionary entries in a fixed order, not Swift's per-process seeded
/// hash values.
@Suite struct StableHashTests {
    private func hex(_ value: Any) -> String {
        var hash = StableHash()
        hash.add(value)
        return hash.hex
    }

    @Test func theSameValueHashesTheSameInEveryRun() {
        // Worked out once; a different number here means every stored checkpoint is unread.
        #expect(hex(["a": 1, "b": 2]) == "5e71a65fe8a2c82d")
        #expect(hex(["a": 1, "b": 2]) == hex(["b": 2, "a": 1]))
        #expect(hex(PhaseDays(minDays: 7, maxDays: nil)) == "\(hex(PhaseDays(minDays: 7)))")
        #expect(hex(PhaseDays(minDays: 7)) != hex(PhaseDays(maxDays: 7)))
        #expect(hex(["ab", "c"]) != hex(["a", "bc"]))
        #expect(hex(Optional<Int>.none as Any) != hex(Optional(0) as Any))
        #expect(hex(3.5).count == 16)
    }
}
