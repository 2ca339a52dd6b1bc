/// Converts between ONIX codes and the GraphQL enum values Consonance uses for them.
///
/// GraphQL enum values cannot start with a digit, so Consonance prefixes those codes with one underscore
/// (`_02`, `_04`) and leaves alphabetic codes alone (`BB`, `A01`). Models expose codes as ONIX writes them,
/// with leading zeros kept (`"04"`, never `4`); variables are converted back before they are sent.
public enum ONIXCode {
    /// `_02` → `02`, `BB` → `BB`. Exactly one leading underscore is removed.
    public static func code(fromEnumValue value: String) -> String {
        value.hasPrefix("_") ? String(value.dropFirst()) : value
    }

    /// `02` → `_02`, `BB` → `BB`, `_02` → `_02` (already encoded).
    public static func enumValue(forCode code: String) -> String {
        guard let first = code.unicodeScalars.first, ("0"..."9").contains(first) else { return code }
        return "_" + code
    }
}
