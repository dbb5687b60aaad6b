// libFuzzer entry point for the plan-file parser: every input is handed to PlanFile.parse, which
// must answer with a plan or positioned errors and never crash, hang or touch memory it does not
// own. Built by scripts/fuzz-plans.sh (not a SwiftPM target; see FUZZING.md).

import RehabPlans

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPlanFile(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = start.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? []
    do {
        _ = try PlanFile.parse(bytes: bytes, file: "fuzz.yaml")
    } catch {
        // Every error must carry a real position: a line and a column from 1.
        for problem in error.errors where problem.line < 1 || problem.column < 1 {
            fatalError("error without a position: \(problem.description)")
        }
    }
    return 0
}
