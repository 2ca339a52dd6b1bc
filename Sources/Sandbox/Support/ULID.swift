import Foundation

/// Universally unique, time-ordered identifiers (https://github.com/ulid/spec): 48 bits of milliseconds and 80
/// random bits in 26 characters of Crockford base32. Zendesk's webhook and invocation ids have exactly this form
/// (`01EJFTSCC78X5V07NPY2MHR00M`), so clients that validate or sort them are exercised.
enum ULID {
    private static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ".utf8)

    static func make(at time: Date) -> String {
        var generator = SystemRandomNumberGenerator()
        let milliseconds = UInt128(UInt64(max(0, (time.timeIntervalSince1970 * 1000).rounded(.down))) & 0xFFFF_FFFF_FFFF)
        let randomHigh = UInt128(generator.next() & 0xFFFF)
        let randomLow = UInt128(generator.next())
        let value = milliseconds << 80 | randomHigh << 64 | randomLow
        var characters: [UInt8] = []
        characters.reserveCapacity(26)
        for position in 0..<26 {
            let shift = 125 - 5 * position
            characters.append(alphabet[Int((value >> shift) & 31)])
        }
        return String(decoding: characters, as: UTF8.self)
    }
}
