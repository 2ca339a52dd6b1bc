import Foundation
import SwitchboardCore
import Testing

/// The runtime's row ids are UUIDv7: valid UUIDs that sort by the millisecond they were made in, so new rows land at
/// the right edge of every index instead of on a random page.
@Suite struct TimeOrderedIDTests {
    @Test func isAVersion7UUIDCarryingItsMillisecond() throws {
        let now = Date(timeIntervalSince1970: 1_764_504_000.123)
        let id = TimeOrderedID.make(now: now)
        let uuid = try #require(UUID(uuidString: id), "\(id) is a UUID")
        #expect(id == uuid.uuidString.lowercased(), "written lowercase, 8-4-4-4-12")
        #expect(Array(id)[14] == "7", "version 7")
        #expect("89ab".contains(Array(id)[19]), "RFC 4122 variant")
        #expect(TimeOrderedID.milliseconds(of: id) == 1_764_504_000_123)
        #expect(TimeOrderedID.milliseconds(of: UUID().uuidString) == nil, "a random UUID is not version 7")
    }

    @Test func laterIdsSortAfterEarlierOnesAndNoneRepeat() {
        let start = Date(timeIntervalSince1970: 1_764_504_000)
        var previous = ""
        var seen = Set<String>()
        for step in 0..<2_000 {
            let id = TimeOrderedID.make(now: start.addingTimeInterval(Double(step) * 0.001))
            #expect(id > previous, "\(id) after \(previous)")
            previous = id
            seen.insert(id)
        }
        // Many in the same millisecond are still distinct.
        for _ in 0..<2_000 { seen.insert(TimeOrderedID.make(now: start)) }
        #expect(seen.count == 4_000)
    }
}
