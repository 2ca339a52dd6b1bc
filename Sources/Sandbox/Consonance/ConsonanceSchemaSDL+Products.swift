/// The `Product` implementations the SDL leaves to the schema builder, written out from the interface itself so
/// they carry exactly its fields: `ElectronicBookProduct`, `ElectronicAudioProduct`, `PhysicalAudioProduct`,
/// `PhysicalProduct`, `ElectronicProduct` and `GenericProduct` (the other values of `ProductTypename`).
extension ConsonanceSchemaSDL {
    /// Types declared here in addition to `text`.
    static let productImplementations: [String] = ProductTypename.allCases.map(\.rawValue)
        .filter { $0 != ProductTypename.physicalBook.rawValue }

    /// The SDL the sandbox serves: `text` plus the other product types.
    static let servedText: String = {
        guard let start = text.range(of: "interface Product {"),
              let end = text.range(of: "\n}", range: start.upperBound..<text.endIndex) else {
            preconditionFailure("ConsonanceSchemaSDL.text has no Product interface")
        }
        let body = text[start.upperBound..<end.lowerBound]
        let extra = productImplementations.map { "type \($0) implements Product {\(body)\n}" }
        return text + "\n\n" + extra.joined(separator: "\n\n") + "\n"
    }()
}
