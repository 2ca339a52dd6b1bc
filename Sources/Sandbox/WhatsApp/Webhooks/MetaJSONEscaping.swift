/// Meta sends webhook bodies in ASCII, every non-ASCII character escaped as `\uXXXX` (lower-case hex, surrogate
/// pairs beyond the BMP) and signs those exact bytes (reference §2.2). Receivers that re-encode before verifying
/// fail against the real API, so the sandbox sends the same form.
enum MetaJSONEscaping {
    /// `json` with every non-ASCII character escaped. Valid JSON only carries such bytes inside strings, so a plain
    /// pass over the UTF-8 is enough.
    static func asciiOnly(_ json: [UInt8]) -> [UInt8] {
        guard json.contains(where: { $0 >= 0x80 }) else { return json }
        var output: [UInt8] = []
        output.reserveCapacity(json.count + json.count / 4)
        for scalar in String(decoding: json, as: UTF8.self).unicodeScalars {
            if scalar.isASCII {
                output.append(UInt8(scalar.value))
            } else if scalar.value <= 0xFFFF {
                append(UInt16(scalar.value), to: &output)
            } else {
                let value = scalar.value - 0x10000
                append(UInt16(0xD800 + (value >> 10)), to: &output)
                append(UInt16(0xDC00 + (value & 0x3FF)), to: &output)
            }
        }
        return output
    }

    private static let hex = Array("0123456789abcdef".utf8)

    private static func append(_ unit: UInt16, to output: inout [UInt8]) {
        output += [UInt8(ascii: "\\"), UInt8(ascii: "u"),
                   hex[Int(unit >> 12 & 0xF)], hex[Int(unit >> 8 & 0xF)], hex[Int(unit >> 4 & 0xF)], hex[Int(unit & 0xF)]]
    }
}
