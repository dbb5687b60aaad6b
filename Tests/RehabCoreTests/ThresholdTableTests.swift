import Testing

@testable import RehabCore

// The threshold table is what plan files, archives, `rehab tune` and the Tune screen read, so
// each row is checked here against the names and ranges of plans/SCHEMA.md, written out by hand.
@Suite struct ThresholdTableTests {
    @Test func everyKeyHasOneRowInTableOrder() {
        #expect(ThresholdDescriptor.all.map(\.key) == ThresholdKey.allCases)
        for key in ThresholdKey.allCases {
            #expect(key.descriptor.key == key)
        }
    }

    @Test func namesAndRangesAsTheSchemaHasThem() {
        let rows = ThresholdDescriptor.all.map { d in
            "\(d.path) | \(d.archiveKey) | \(d.option) | \(d.allowed) | \(d.tunable)"
        }
        #expect(
            rows == [
                "pain.safe_max | pain_safe_max | pain-safe-max | integer(ClosedRange(0...10)) | true",
                "pain.limit | pain_limit | pain-limit | integer(ClosedRange(0...10)) | true",
                "pain.lasting_hours | pain_lasting_hours | pain-lasting-hours | "
                    + "integer(ClosedRange(1...72)) | true",
                "load.weekly_increase_pct | weekly_increase_pct | weekly-increase-pct | "
                    + "decimal(ClosedRange(0.0...100.0), places: 1) | true",
                "load.session_spike_pct | session_spike_pct | session-spike-pct | "
                    + "decimal(ClosedRange(0.0...100.0), places: 1) | true",
                "see_doctor.no_improvement_days | no_improvement_days | no-improvement-days | "
                    + "integer(ClosedRange(1...60)) | true",
                "morning.safe_max | morning_safe_max | morning-safe-max | "
                    + "integer(ClosedRange(0...10)) | true",
                "morning.limit | morning_limit | morning-limit | integer(ClosedRange(0...10)) | true",
                "worsening_window_hours | worsening_window_hours | worsening-window-hours | "
                    + "integer(ClosedRange(1...72)) | false",
            ])
        #expect(
            ThresholdDescriptor.section("pain").map(\.name) == [
                "safe_max", "limit", "lasting_hours",
            ])
        #expect(ThresholdDescriptor.section(nil).map(\.key) == [.worseningWindowHours])
    }

    @Test func everyRowReadsAndSetsItsOwnField() {
        // The defaults of DESIGN section 4, each row reading its own.
        let defaults = ThresholdDescriptor.all.map { $0.value(in: Thresholds()) }
        #expect(defaults == [3, 5, 2, 10, 10, 10, 3, 5, 24])
        for (index, d) in ThresholdDescriptor.all.enumerated() {
            var o = ThresholdOverrides()
            d.set(Double(index + 1), in: &o)
            // Only this row's field is set, and it applies to a full set of thresholds.
            let set = ThresholdDescriptor.all.map { $0.value(in: o) }
            #expect(
                set == ThresholdDescriptor.all.indices.map { $0 == index ? Double(index + 1) : nil }
            )
            #expect(d.value(in: o.applied(to: Thresholds())) == Double(index + 1))
            d.set(nil, in: &o)
            #expect(o.isEmpty)
        }
    }

    @Test func wholeNumbersAreRoundedAndDecimalsKept() {
        var o = ThresholdOverrides()
        ThresholdKey.painLimit.descriptor.set(4.6, in: &o)
        ThresholdKey.sessionSpikePct.descriptor.set(12.5, in: &o)
        #expect(o == ThresholdOverrides(painLimit: 5, sessionSpikePct: 12.5))
        #expect(ThresholdKey.painLimit.descriptor.format(5) == "5")
        #expect(ThresholdKey.sessionSpikePct.descriptor.format(12.5) == "12.5")
        #expect(ThresholdKey.weeklyIncreasePct.descriptor.format(10) == "10.0")
    }

    @Test func typedValuesAreCheckedAgainstTheRow() throws {
        let spike = ThresholdKey.sessionSpikePct.descriptor
        #expect(try spike.parse("12.5", field: spike.option) == 12.5)
        #expect(
            throws: ValidationError(
                field: "session-spike-pct", value: "101", allowed: spike.allowed)
        ) {
            try spike.parse("101", field: spike.option)
        }
        let hours = ThresholdKey.painLastingHours.descriptor
        #expect(
            throws: ValidationError(
                field: "pain-lasting-hours", value: "1.5", allowed: hours.allowed)
        ) {
            try hours.parse("1.5", field: hours.option)
        }
        #expect(try hours.parse("72", field: hours.option) == 72)
    }

    @Test func everyLabelInBothLanguages() {
        for d in ThresholdDescriptor.all {
            #expect(!d.label.nl.isEmpty && !d.label.en.isEmpty && d.label.nl != d.label.en)
        }
    }
}
