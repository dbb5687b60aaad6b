import Testing

@testable import RehabCore

@Suite struct MessagesTests {
    /// One finding per reason code, with numbers a message must repeat.
    static let samples: [(Finding, [String])] = [
        (Finding(code: .redFlag, date: day("2026-03-03"), flag: RedFlag.givingWay), ["2026-03-03"]),
        (
            Finding(code: .painAboveLimit, date: day("2026-03-04"), seen: 7, limit: 5),
            ["7/10", "5/10"]
        ),
        (Finding(code: .painLasted, date: day("2026-03-04"), limit: 2, unit: "h"), ["2"]),
        (
            Finding(code: .worseNextMorning, date: day("2026-03-05"), seen: 4, limit: 2),
            ["4/10", "2/10", "2026-03-05"]
        ),
        (Finding(code: .painDuringAboveSafe, seen: 4, limit: 3), ["4/10", "3/10"]),
        (Finding(code: .painAfterAboveSafe, seen: 5, limit: 3), ["5/10", "3/10"]),
        (
            Finding(code: .weeklyLoadOverCap, seen: 13.5, limit: 12.1, unit: "km", percent: 10),
            ["13.5 km", "12.1 km", "10 %"]
        ),
        (
            Finding(code: .sessionSpike, seen: 8.3, limit: 7.7, unit: "km", percent: 10),
            ["8.3 km", "7.7 km", "10 %", "30"]
        ),
        (Finding(code: .phaseOverdue, seen: 17, limit: 14), ["17", "14"]),
        (Finding(code: .noRecentLog, limit: 3), ["3"]),
        (
            Finding(code: .noImprovement, date: day("2026-02-18"), seen: 4.5, limit: 4),
            ["4.5/10", "4/10", "2026-02-18"]
        ),
        (
            Finding(code: .morningAboveLimit, date: day("2026-03-04"), seen: 7, limit: 5),
            ["7/10", "5/10", "2026-03-04"]
        ),
        (
            Finding(code: .morningAboveSafe, date: day("2026-03-04"), seen: 4, limit: 3),
            ["4/10", "3/10", "2026-03-04"]
        ),
        (
            Finding(code: .worseWeekToWeek, date: day("2026-03-02"), seen: 3, limit: 2),
            ["3/10", "2/10"]
        ),
        (
            Finding(code: .activityNotAllowed, date: day("2026-03-04"), flag: "run"),
            ["2026-03-04"]
        ),
        (Finding(code: .runEveryOtherDay, date: day("2026-03-04")), ["2026-03-04"]),
        (
            Finding(
                code: .returnAfterLayoff, date: day("2026-03-04"), seen: 70, limit: 30,
                unit: "min"),
            ["70", "30", "2026-03-04"]
        ),
        (Finding(code: .seePhysio, date: day("2026-03-04"), flag: "gait"), ["2026-03-04"]),
        (Finding(code: .nothingLoggedYet), []),
    ]

    @Test func everyReasonInEveryLanguage() {
        #expect(Set(Self.samples.map(\.0.code)) == Set(ReasonCode.allCases))
        var all: [String] = []
        for language in Language.allCases {
            let messages = Messages(language)
            for (finding, numbers) in Self.samples {
                let text = messages.reason(finding)
                #expect(!text.isEmpty)
                for number in numbers {
                    #expect(text.contains(number), "\(language) \(finding.code): \(text)")
                }
                all.append(text)
            }
        }
        #expect(Set(all).count == all.count)
    }

    @Test func examplesReadAsWritten() {
        let en = Messages(.en)
        let nl = Messages(.nl)
        let after = Finding(code: .painAfterAboveSafe, seen: 4, limit: 3)
        #expect(
            en.reason(after)
                == "Pain after was 4/10, above the safe 3/10. Repeat this load; don't increase yet."
        )
        #expect(
            nl.reason(after)
                == "Pijn na afloop was 4/10, boven de veilige 3/10. "
                + "Herhaal deze belasting en bouw nog niet op."
        )
        let walked = Finding(
            code: .painAfterAboveSafe, date: day("2026-03-04"), seen: 4, limit: 3, flag: "walk")
        #expect(en.reason(walked).hasPrefix("Pain after walking on 2026-03-04 was 4/10"))
        #expect(nl.reason(walked).hasPrefix("Pijn na wandelen op 2026-03-04 was 4/10"))
        let cap = Finding(
            code: .weeklyLoadOverCap, seen: 13.5, limit: 12.100000000000001, unit: "km", percent: 10
        )
        #expect(
            en.reason(cap)
                == "This week 13.5 km, above the cap of 12.1 km "
                + "(at most 10 % more than last week). Hold, nothing extra this week."
        )
        var floor = cap
        floor.percent = nil
        floor.limit = 12
        #expect(
            en.reason(floor).contains(
                "above the cap of 12.0 km (the floor: the phase's starting volume, your weekly km "
                    + "before the plan or the schedule's last week)"))
        #expect(nl.reason(floor).contains("(de ondergrens: de startomvang van de fase"))
        let minutes = Finding(
            code: .weeklyLoadOverCap, seen: 125, limit: 110, unit: "min", percent: 10)
        #expect(en.reason(minutes).hasPrefix("This week 125 min, above the cap of 110 min"))
    }

    @Test func redFlagsNameTheFlagAndTheWay() {
        let en = Messages(.en)
        let nl = Messages(.nl)
        let fever = Finding(code: .redFlag, date: day("2026-03-03"), flag: RedFlag.fever)
        #expect(en.reason(fever).contains("fever"))
        #expect(en.reason(fever).contains("GP"))
        #expect(!en.reason(fever).contains("112"))
        #expect(nl.reason(fever).contains("koorts"))
        #expect(nl.reason(fever).contains("huisarts"))
        let pop = Finding(code: .redFlag, date: day("2026-03-03"), flag: RedFlag.popLossOfFunction)
        let thrombosis = Finding(
            code: .redFlag, date: day("2026-03-03"), flag: RedFlag.calfSwellingWarmRed)
        #expect(en.reason(thrombosis).contains("have a doctor see you today"))
        #expect(nl.reason(thrombosis).contains("vandaag nog"))
        #expect(en.reason(pop).contains("112"))
        #expect(nl.reason(pop).contains("112"))
        #expect(en.reason(pop).contains("sudden pop"))
        // A plan's own flag: its question names it, and its emergency mark means 112.
        let numb = Finding(code: .redFlag, date: day("2026-03-03"), flag: "numb_foot")
        #expect(en.reason(numb).contains("numb_foot"))
        #expect(en.reason(numb, plan: testPlan).contains("Numb foot?"))
        #expect(en.reason(numb, plan: testPlan).contains("112"))
        #expect(nl.reason(numb, plan: testPlan).contains("Voet gevoelloos?"))
    }

    @Test func validationMessages() throws {
        let en = Messages(.en)
        let nl = Messages(.nl)
        func refusal(_ body: () throws -> Any) -> ValidationError? {
            do {
                _ = try body()
                return nil
            } catch { return error as? ValidationError }
        }
        let pain = try #require(refusal { try Validate.pain("11", field: "pain-after") })
        #expect(
            en.validation(pain)
                == "pain-after: '11' is not allowed; use a whole number from 0 to 10")
        #expect(
            nl.validation(pain)
                == "pain-after: '11' is niet toegestaan; gebruik een heel getal van 0 tot en met 10"
        )
        let km = try #require(refusal { try Validate.km("3.141") })
        #expect(
            en.validation(km)
                == "km: '3.141' is not allowed; "
                + "use a number from 0 to 300 with at most 2 decimals and a dot as separator"
        )
        let date = try #require(
            refusal { try Validate.date("2026-02-30", today: day("2026-03-04")) })
        #expect(
            en.validation(date)
                == "date: '2026-02-30' is not allowed; "
                + "use a date as YYYY-MM-DD, not after 2026-03-04"
        )
        #expect(nl.validation(date).hasSuffix("niet na 2026-03-04"))
        let cases: [ValidationError.Allowed] = [
            .integer(1...1440), .decimal(0...300, places: 2), .isoDateNotAfter(day("2026-03-04")),
            .isoDateNotBefore(day("2026-03-04")), .textUpTo(2000), .nonEmptyTextUpTo(100),
            .oneOf(["run", "walk"]), .flagID,
        ]
        for language in Language.allCases {
            let texts = cases.map {
                Messages(language).validation(ValidationError(field: "f", value: "v", allowed: $0))
            }
            #expect(Set(texts).count == cases.count)
            #expect(texts.allSatisfy { $0.hasPrefix("f: 'v' ") })
        }
        #expect(
            en.validation(
                ValidationError(field: "activity", value: "ski", allowed: .oneOf(["run", "walk"])))
                == "activity: 'ski' is not allowed; use one of: run, walk")
    }

    @Test func criteriaLines() {
        let en = Messages(.en)
        let nl = Messages(.nl)
        let green = CriterionStatus(criterion: .greenDays, required: 3, current: 2, met: false)
        #expect(en.criterion(green, unit: "") == "Green days in a row: 2 of 3")
        #expect(nl.criterion(green, unit: "") == "Groene dagen op rij: 2 van 3")
        let load = CriterionStatus(criterion: .weeklyLoad, required: 15, current: 10.5, met: false)
        #expect(en.criterion(load, unit: "km") == "Weekly load: 10.5 of 15.0 km")
        let walk = CriterionStatus(
            criterion: .painFreeWalkMinutes, required: 30, current: 30, met: true)
        #expect(nl.criterion(walk, unit: "km") == "Pijnvrije wandeling: 30 van 30 min")
        // The load unit is for weekly load only.
        #expect(en.criterion(green, unit: "km") == "Green days in a row: 2 of 3")
        let days = CriterionStatus(criterion: .minDays, required: 7, current: 4, met: false)
        #expect(en.criterion(days, unit: "min") == "Days completed in this phase: 4 of 7")
        let done = CriterionStatus(
            criterion: .runWalkCompleted, required: 1, current: 0, met: false)
        #expect(en.criterion(done, unit: "") == "Run/walk schedule done: no")
        #expect(nl.criterion(done, unit: "") == "Loop-wandelschema afgerond: nee")
    }

    @Test func namesAreDistinctInBothLanguages() {
        for language in Language.allCases {
            let m = Messages(language)
            let levels = Level.allCases.map(m.level)
            let actions = Action.allCases.map(m.action)
            let advice = Action.allCases.map(m.actionAdvice)
            let criteria = Criterion.allCases.map(m.criterionName)
            let classes = [WeekClass.tooLittle, .overloading, .healthy].map(m.weekClass)
            for list in [levels, actions, advice, criteria, classes] {
                #expect(Set(list).count == list.count)
                #expect(list.allSatisfy { !$0.isEmpty })
            }
        }
        #expect(Messages(.nl).level(.amber) == "oranje")
        #expect(Messages(.en).action(.hold) == "hold")
        #expect(Messages(.nl).weekClass(.tooLittle) == "te weinig")
    }

    @Test func suggestions() {
        let en = Messages(.en)
        let nl = Messages(.nl)
        #expect(
            en.suggestion(Suggestion(code: .advance, phase: "build"), plan: testPlan)
                .hasPrefix("Ready for the next phase: Build-up."))
        #expect(
            nl.suggestion(Suggestion(code: .advance, phase: "build"), plan: testPlan)
                .hasPrefix("Klaar voor de volgende fase: Opbouw."))
        let back = Suggestion(
            code: .stepBack, phase: "rest", dates: [day("2026-03-02"), day("2026-03-04")])
        #expect(
            en.suggestion(back, plan: testPlan)
                == "Red days on 2026-03-02, 2026-03-04: two or more within a week. "
                + "Consider going back to the phase Rest for now."
        )
        #expect(
            nl.suggestion(Suggestion(code: .contactPhysio, phase: "rest"), plan: testPlan)
                .contains("fysiotherapeut"))
    }

    @Test(arguments: [
        (12.1, 1, "12.1"), (10, 1, "10.0"), (11.000000000000002, 1, "11.0"), (12.05, 1, "12.1"),
        (-2.5, 0, "-3"), (0.004, 2, "0.00"), (-0.001, 1, "0.0"), (1234.5678, 2, "1234.57"),
        (7, 0, "7"), (0.5, 0, "1"), (99.95, 1, "100.0"), (3.14159, 3, "3.142"),
    ])
    func formatting(_ value: Double, _ decimals: Int, _ expected: String) {
        #expect(formatNumber(value, decimals: decimals) == expected)
    }

    @Test func formattingDefaultsToOneDecimal() {
        #expect(formatNumber(13.45) == "13.5")
        #expect(formatNumber(.nan) == "-")
    }
}
