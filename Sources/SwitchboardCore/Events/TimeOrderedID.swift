import Foundation

/// Ids for the rows the runtime writes on every event — events, runs, jobs, dead letters — as UUIDv7: 48 bits of
/// Unix milliseconds, then random bits, written like any UUID.
///
/// Why not `UUID()`: these ids are primary keys, and the runs' steps, jobs' attempts and outbox keys are keyed by
/// them too. Random keys land on a random leaf of each index, so every commit dirtied (and SQLite's WAL rewrote) a
/// page per index per run, and the more history the database held the fewer of those pages a group commit shared.
/// Keys that grow with time are appended at the right edge of each index, where a group's rows share pages. They stay
/// unique (74 random bits per millisecond) and sort by creation time, which also makes them easier to read.
public enum TimeOrderedID {
    public static func make(now: Date = Date()) -> String {
        var generator = SystemRandomNumberGenerator()
        return make(milliseconds: UInt64(max(0, (now.timeIntervalSince1970 * 1000).rounded())), random: (generator.next(), generator.next()))
    }

    /// The id for `milliseconds` since 1970 with the given random bits (only 74 of the 128 are used).
    static func make(milliseconds: UInt64, random: (UInt64, UInt64)) -> String {
        // time_high(32) time_low(16) | version 7 + 12 random | variant 0b10 + 62 random
        let high = (milliseconds & 0xFFFF_FFFF_FFFF) << 16 | 0x7000 | (random.0 & 0x0FFF)
        let low = 0x8000_0000_0000_0000 | (random.1 & 0x3FFF_FFFF_FFFF_FFFF)
        var bytes = [UInt8]()
        bytes.reserveCapacity(36)
        for index in 0..<32 {
            if index == 8 || index == 12 || index == 16 || index == 20 { bytes.append(UInt8(ascii: "-")) }
            let nibble = index < 16 ? high >> UInt64(60 - index * 4) : low >> UInt64(60 - (index - 16) * 4)
            bytes.append(hexDigits[Int(nibble & 0xF)])
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The Unix milliseconds an id was made at, or nil if it is not a UUIDv7.
    public static func milliseconds(of id: String) -> UInt64? {
        let hex = id.replacingOccurrences(of: "-", with: "")
        guard hex.count == 32, let high = UInt64(hex.prefix(16), radix: 16), high & 0xF000 == 0x7000 else { return nil }
        return high >> 16
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)
}
