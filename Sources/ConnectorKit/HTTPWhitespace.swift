/// Header values are read on every response (the rate-limit headers) and every webhook (the signature), and
/// Foundation's `trimmingCharacters(in: .whitespaces)` goes through `NSString` and a `CharacterSet` for each one. HTTP
/// only allows spaces and tabs around a field value (RFC 9110 §5.5, "OWS"), so that is all this trims.
extension StringProtocol {
    /// The value without the spaces and horizontal tabs around it.
    public var trimmingHTTPWhitespace: SubSequence {
        let isWhitespace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !isWhitespace($0) }) else { return self[endIndex...] }
        let last = lastIndex(where: { !isWhitespace($0) })!
        return self[first...last]
    }
}
