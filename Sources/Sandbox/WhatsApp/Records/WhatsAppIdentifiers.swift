import Foundation

/// Generates the ids Meta hands out — `wamid.HBgL…` message ids, numeric media ids, `fbtrace_id`s, conversation
/// ids — from the sandbox's seed, so two runs with the same seed and the same calls produce the same ids.
///
/// A wamid is base64 of a small protobuf-like record: `1C 18 <len> <wa_id digits> 15 02 00 <11 outbound | 12
/// inbound> 18 <len> <upper-case hex> 00`, which is what real ids decode to.
struct WhatsAppIdentifiers: Sendable {
    private var random: SplitMix64

    init(seed: UInt64) {
        random = SplitMix64(seed: seed, stream: 0x5741, index: 0)
    }

    mutating func wamid(waID: String, inbound: Bool) -> String {
        let digits = Array(waID.utf8.prefix(30))
        let hex = Array(hexString(count: inbound ? 20 : 18).utf8)
        var bytes: [UInt8] = [0x1C, 0x18, UInt8(digits.count)]
        bytes += digits
        bytes += [0x15, 0x02, 0x00, inbound ? 0x12 : 0x11, 0x18, UInt8(hex.count)]
        bytes += hex
        bytes.append(0x00)
        return "wamid." + Data(bytes).base64EncodedString()
    }

    /// 15–16 digit numeric id like Meta's media and object ids.
    mutating func numericID() -> String {
        String(1_000_000_000_000_000 + random.below(8_999_999_999_999_999))
    }

    /// 23 characters of base64url, like `AXsgnV2Cm3ZMGF3dF_cfYIn`.
    mutating func fbtraceID() -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        return String((0..<23).map { _ in alphabet[random.below(alphabet.count)] })
    }

    /// 32 lower-case hex characters.
    mutating func conversationID() -> String {
        hexString(count: 32).lowercased()
    }

    mutating func chance(_ probability: Double) -> Bool {
        random.chance(probability)
    }

    private mutating func hexString(count: Int) -> String {
        let alphabet = Array("0123456789ABCDEF")
        return String((0..<count).map { _ in alphabet[random.below(16)] })
    }
}
