import Foundation

/// Any JSON value, for fields whose type varies (Zendesk custom field values, loosely typed events)
/// and for keeping an undecodable record intact so it can be quarantined rather than dropped.
public enum JSONValue: Sendable, Hashable, Codable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public init(from decoder: any Decoder) throws {
        if let decoding = decoder as? JSONValueDecoding {
            self = decoding.value
            return
        }
        let container = try decoder.singleValueContainer()
        // Every wrong guess throws a DecodingError, which is costly: guess the commonest kinds first. (Parsing bytes
        // directly, with ``JSONParser``, avoids guessing altogether.)
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([String: JSONValue].self) { self = .object(value) }
        else if let value = try? container.decode(Double.self) { self = .number(value) }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else { self = .array(try container.decode([JSONValue].self)) }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .number(let value):
            if value.rounded() == value, abs(value) < 9.0e15 { try container.encode(Int64(value)) } else { try container.encode(value) }
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    public subscript(key: String) -> JSONValue? {
        if case .object(let object) = self { return object[key] } else { return nil }
    }

    public var stringValue: String? {
        switch self {
        case .string(let value): return value
        case .number(let value): return value.rounded() == value ? String(Int64(value)) : String(value)
        case .bool(let value): return String(value)
        default: return nil
        }
    }

    public var int64Value: Int64? {
        switch self {
        case .number(let value): return value.rounded() == value ? Int64(exactly: value) : nil
        case .string(let value): return Int64(value)
        default: return nil
        }
    }

    /// Compact JSON text with sorted keys (stable, so equal values store equal text). Hand-written because
    /// it runs once per mirrored record and `JSONEncoder` costs far more per call.
    public var jsonText: String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(256)
        write(into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Append the compact JSON text (sorted keys) to `output`.
    public func write(to output: inout String) {
        output += jsonText
    }

    /// Append the compact JSON text (sorted keys) as UTF-8 bytes: the text is built as bytes, and a string's runs
    /// that need no escaping are copied whole, which costs a fraction of appending scalar by scalar to a `String`.
    public func write(into output: inout [UInt8]) {
        switch self {
        case .null: output.append(contentsOf: "null".utf8)
        case .bool(let value): output.append(contentsOf: (value ? "true" : "false").utf8)
        case .number(let value):
            if value.rounded() == value, abs(value) < 9.0e15 { output.append(contentsOf: String(Int64(value)).utf8) }
            else if value.isFinite { output.append(contentsOf: String(value).utf8) }
            else { output.append(contentsOf: "null".utf8) }
        case .string(let value): JSONValue.writeString(value, into: &output)
        case .array(let values):
            output.append(UInt8(ascii: "["))
            for (index, value) in values.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                value.write(into: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let object):
            output.append(UInt8(ascii: "{"))
            for (index, member) in object.sorted(by: { $0.key < $1.key }).enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                JSONValue.writeString(member.key, into: &output)
                output.append(UInt8(ascii: ":"))
                member.value.write(into: &output)
            }
            output.append(UInt8(ascii: "}"))
        }
    }

    /// Append `value` as a JSON string literal.
    public static func writeString(_ value: String, to output: inout String) {
        var bytes: [UInt8] = []
        writeString(value, into: &bytes)
        output += String(decoding: bytes, as: UTF8.self)
    }

    /// Append `value` as a JSON string literal, in UTF-8: quotes, backslashes and control characters escaped,
    /// everything else (including non-ASCII text) copied as it is.
    public static func writeString(_ value: String, into output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { bytes in
            var runStart = 0
            for index in 0..<bytes.count {
                let byte = bytes[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                runStart = index + 1
                switch byte {
                case UInt8(ascii: "\""): output.append(contentsOf: #"\""#.utf8)
                case UInt8(ascii: "\\"): output.append(contentsOf: #"\\"#.utf8)
                case UInt8(ascii: "\n"): output.append(contentsOf: #"\n"#.utf8)
                case UInt8(ascii: "\r"): output.append(contentsOf: #"\r"#.utf8)
                case UInt8(ascii: "\t"): output.append(contentsOf: #"\t"#.utf8)
                default:
                    let hex = Array("0123456789abcdef".utf8)
                    output.append(contentsOf: #"\u00"#.utf8)
                    output.append(hex[Int(byte >> 4)])
                    output.append(hex[Int(byte & 0x0f)])
                }
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count]))
        }
        output.append(UInt8(ascii: "\""))
    }
}

/// One element of a decoded array that either decoded as `Element` or did not.
///
/// Decoding a page as `[Lossy<Record>]` keeps one malformed record from failing the whole page: the bad
/// record comes back as ``failure`` with the reason and its raw JSON, ready to be quarantined.
public enum Lossy<Element: Decodable & Sendable>: Decodable, Sendable {
    case success(Element)
    case failure(reason: String, raw: JSONValue)

    public init(from decoder: any Decoder) throws {
        do {
            self = .success(try Element(from: decoder))
        } catch {
            let raw = (try? JSONValue(from: decoder)) ?? .null
            self = .failure(reason: describeDecodingError(error), raw: raw)
        }
    }
}

extension Lossy {
    /// The decoded element, or nil for one that failed.
    public var value: Element? {
        if case .success(let element) = self { return element }
        return nil
    }
}

/// A one-line explanation of a decoding error that names the offending field.
public func describeDecodingError(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return String(describing: error) }
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
            return keys.isEmpty ? "record" : keys.joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let context): return "\(path(context)): missing required field \"\(key.stringValue)\""
        case .typeMismatch(let type, let context): return "\(path(context)): expected \(type), \(context.debugDescription)"
        case .valueNotFound(let type, let context): return "\(path(context)): null where \(type) is required"
        case .dataCorrupted(let context): return "\(path(context)): \(context.debugDescription)"
        @unknown default: return String(describing: error)
        }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int64) { self = .number(Double(value)) }
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}
