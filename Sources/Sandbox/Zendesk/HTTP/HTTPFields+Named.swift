import Hummingbird

extension HTTPFields {
    /// Reads or writes a header by its (lower-case) name, for Zendesk's non-standard headers.
    subscript(named name: String) -> String? {
        get { self[.init(name)!] }
        set { self[.init(name)!] = newValue }
    }
}
