import Foundation
import RehabCore
import Testing

@testable import RehabFiles

/// GPX and TCX read into runs.
@Suite struct RunFileTests {
    func parse(_ xml: String) throws(RunFileError) -> RecordedRun {
        try RunFile.parse(data: Data(xml.utf8), file: "run")
    }

    func reason(_ xml: String) -> String? {
        do {
            _ = try parse(xml)
            return nil
        } catch {
            return error.reason.en
        }
    }

    @Test func haversineAgreesWithHandComputedDistances() {
        // One degree of latitude on a sphere of 6371.0088 km: 2πR/360 = 111,195.08 m.
        let degree = RunFile.haversineMeters((52, 5), (53, 5))
        #expect(abs(degree - 111_195.08) < 0.01)
        // Along the equator one degree of longitude is the same length.
        #expect(abs(RunFile.haversineMeters((0, 0), (0, 1)) - 111_195.08) < 0.01)
        #expect(RunFile.haversineMeters((52, 5), (52, 5)) == 0)
    }

    @Test func gpxWithSegmentsCountsOnlyTheRunningParts() throws {
        // Two segments of 0.01° of latitude each (1111.95 m); the jump between them is a
        // pause (a car ride, a lost signal) and is not counted.
        let run = try parse(
            """
            <gpx xmlns="http://www.topografix.com/GPX/1/1" version="1.1" creator="t">
              <trk><type>running</type>
                <trkseg>
                  <trkpt lat="52.00" lon="5"><time>2026-03-01T06:00:00Z</time></trkpt>
                  <trkpt lat="52.01" lon="5"><time>2026-03-01T06:06:10Z</time></trkpt>
                </trkseg>
                <trkseg>
                  <trkpt lat="53.00" lon="5"><time>2026-03-01T07:10:00+01:00</time></trkpt>
                  <trkpt lat="53.01" lon="5"><time>2026-03-01T07:12:29.600+01:00</time></trkpt>
                </trkseg>
              </trk>
            </gpx>
            """)
        #expect(run.km == 2.22)
        // 06:12:29.6 UTC is the last point: 12 min 29.6 s after the start, 12.49 → 12 min.
        #expect(run.minutes == 12)
        #expect(run.startTime == "2026-03-01T06:00:00Z")
        #expect(run.activity == .run)
    }

    @Test func theStartIsTheEarliestPointInUTCToTheSecond() throws {
        let run = try parse(
            """
            <gpx version="1.1"><trk><type>walking</type><trkseg>
              <trkpt lat="52" lon="5"><time>2026-03-01T07:00:00.900+01:00</time></trkpt>
              <trkpt lat="52.001" lon="5"><time>2026-03-01T07:20:00+01:00</time></trkpt>
            </trkseg></trk></gpx>
            """)
        #expect(run.startTime == "2026-03-01T06:00:00Z")
        #expect(run.activity == .walk)
        // 1199.1 s = 19.985 min → 20.
        #expect(run.minutes == 20)
        #expect(run.day(in: TimeZone(identifier: "Pacific/Auckland")!) == Day(iso: "2026-03-01"))
        #expect(run.day(in: TimeZone(identifier: "America/Los_Angeles")!) == Day(iso: "2026-02-28"))
    }

    @Test func tcxPrefersTheLapSummaryAndFallsBackToTheTrack() throws {
        let summary = try parse(
            """
            <TrainingCenterDatabase><Activities><Activity Sport="Biking">
              <Id>2026-03-01T10:00:00Z</Id>
              <Lap StartTime="2026-03-01T10:00:00Z">
                <TotalTimeSeconds>3600</TotalTimeSeconds><DistanceMeters>25000</DistanceMeters>
              </Lap>
            </Activity></Activities></TrainingCenterDatabase>
            """)
        #expect(summary.km == 25)
        #expect(summary.minutes == 60)
        #expect(summary.activity == .cycle)
        // No lap distance: the watch's own running distance on the last track point.
        let track = try parse(
            """
            <TrainingCenterDatabase><Activities><Activity Sport="Running">
              <Id>2026-03-01T10:00:00Z</Id>
              <Lap StartTime="2026-03-01T10:00:00Z"><Track>
                <Trackpoint><Time>2026-03-01T10:00:00Z</Time>
                  <DistanceMeters>0</DistanceMeters></Trackpoint>
                <Trackpoint><Time>2026-03-01T10:21:00Z</Time>
                  <DistanceMeters>3456.789</DistanceMeters></Trackpoint>
              </Track></Lap>
            </Activity></Activities></TrainingCenterDatabase>
            """)
        #expect(track.km == 3.46)
        #expect(track.minutes == 21)
    }

    @Test func badFilesSayWhy() {
        #expect(reason("") == "not XML: the file is empty or unreadable")
        #expect(reason("<kml></kml>") == "not a GPX or TCX file (root element <kml>)")
        #expect(
            reason("<gpx><trk><trkseg></trkseg></trk></gpx>")?.hasPrefix("no track points") == true)
        #expect(
            reason("<gpx><trk><trkseg><trkpt lat=\"1\" lon=\"1\"/></trkseg></trk></gpx>")
                == "the track points have no times, so no start and no duration")
        #expect(
            reason(
                "<!DOCTYPE gpx [<!ENTITY a \"aaaa\">]><gpx><trk><trkseg></trkseg></trk></gpx>")
                == "a DOCTYPE or ENTITY does not belong in a run file")
        #expect(
            reason(
                """
                <TrainingCenterDatabase><Activities>
                <Activity Sport="Running"><Id>2026-03-01T10:00:00Z</Id></Activity>
                <Activity Sport="Running"><Id>2026-03-02T10:00:00Z</Id></Activity>
                </Activities></TrainingCenterDatabase>
                """) == "2 activities in one file; export one run per file")
        #expect(
            reason(
                """
                <TrainingCenterDatabase><Activities><Activity Sport="Running">
                <Id>2026-03-01T10:00:00Z</Id><Lap StartTime="2026-03-01T10:00:00Z">
                <TotalTimeSeconds>90000</TotalTimeSeconds></Lap>
                </Activity></Activities></TrainingCenterDatabase>
                """) == "duration 1500 min is outside 1-1440 min")
    }
}
