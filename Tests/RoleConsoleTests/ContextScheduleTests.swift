import Foundation
import Testing
@testable import RoleConsole
@testable import RoleEditing

@Suite struct ContextScheduleTests {
    func schedule(_ days: [String], _ start: String, _ end: String, zone: String = "Europe/Helsinki",
                  masks: [String] = ["0.0.0.0/0"], block: Bool = true, enabled: Bool = true) -> ContextSchedule {
        ContextSchedule(enabled: enabled, blockRole: block, validity: days, startTime: start, endTime: end,
                        timeZone: zone, ipMasks: masks)
    }

    @Test(arguments: [
        ("08:00", 480), ("00:00", 0), ("23:59", 1439), ("24:00", 1440),
    ])
    func parsesClockTimes(text: String, minutes: Int) {
        #expect(ContextSchedule.minutes(fromClock: text) == minutes)
    }

    @Test(arguments: ["8:00", "24:01", "12:60", "ab:cd", "12-00", "", "12:00:00", "１２:００"])
    func rejectsMalformedClockTimes(text: String) {
        #expect(ContextSchedule.minutes(fromClock: text) == nil)
    }

    @Test func summarizesCommonShapes() {
        #expect(schedule(["MON", "TUE", "WED", "THU", "FRI"], "08:00", "17:00").summary == "Mon–Fri 08–17 Europe/Helsinki")
        #expect(schedule([], "00:00", "00:00").summary == "always")
        #expect(schedule([], "00:00", "00:00", block: false).summary == "always (audit)")
        #expect(schedule(["MON", "WED", "FRI"], "08:30", "17:15", zone: "UTC").summary == "Mon, Wed, Fri 08:30–17:15 UTC")
        #expect(schedule(["SAT", "SUN"], "00:00", "00:00", masks: ["10.0.0.0/8"]).summary == "Sat, Sun Europe/Helsinki 10.0.0.0/8")
        #expect(schedule([], "22:00", "06:00", block: false).summary == "22–06 Europe/Helsinki (audit)")
        #expect(schedule(["MON"], "08:00", "17:00", enabled: false).summary == "always")
    }

    @Test func windowIsStartInclusiveEndExclusive() {
        let s = schedule(["MON", "TUE", "WED", "THU", "FRI"], "08:00", "17:00")
        #expect(s.isActive(day: 0, minute: 480))
        #expect(!s.isActive(day: 0, minute: 479))
        #expect(!s.isActive(day: 0, minute: 1020))
        #expect(s.isActive(day: 4, minute: 1019))
        #expect(!s.isActive(day: 5, minute: 600))
    }

    @Test func windowPastMidnightBelongsToTheDayItStarts() {
        let s = schedule(["FRI"], "22:00", "06:00")
        #expect(s.isActive(day: 4, minute: 23 * 60))
        #expect(s.isActive(day: 5, minute: 5 * 60))      // Saturday early morning: Friday's window
        #expect(!s.isActive(day: 5, minute: 23 * 60))
        #expect(!s.isActive(day: 4, minute: 5 * 60))     // Friday early morning: Thursday is not allowed
        #expect(s.sentences[0].contains("past midnight"))
    }

    @Test func localTimeFollowsTheZone() throws {
        // 2026-11-23 is a Monday; 12:00 UTC is 14:00 in Helsinki (EET, UTC+2) and 21:00 in Tokyo.
        let noon = try #require(ISO8601DateFormatter().date(from: "2026-11-23T12:00:00Z"))
        let helsinki = schedule(["MON"], "08:00", "17:00")
        #expect(helsinki.localTime(at: noon)?.day == 0)
        #expect(helsinki.localTime(at: noon)?.minute == 14 * 60)
        #expect(helsinki.isActive(at: noon) == true)
        #expect(schedule(["MON"], "08:00", "17:00", zone: "Asia/Tokyo").isActive(at: noon) == false)
        #expect(schedule(["MON"], "08:00", "17:00", zone: "Not/AZone").isActive(at: noon) == nil)
    }
}
