import Foundation

/// A product form as Consonance reports it — ONIX 2.1 List 7 — with its ONIX 3.0 List 150 equivalent.
///
/// Consonance's `onix21ProductFormCode` still uses the 2.1 list. Most codes are the same in 3.0, but some exist
/// only in 2.1 (`DG` electronic book text, `DH` online resource, `DD` DVD, `FB` film, the `VB`…`VH` tape variants,
/// `WW`, `WX`) and `DA` changed meaning ("digital" in 2.1, "digital on a physical carrier" in 3.0). Anything that
/// feeds ONIX 3.0 or compares forms with a 3.0 source should use ``onix30Code``; ``code`` stays as sent.
public struct ONIX21ProductForm: Sendable, Hashable, CustomStringConvertible {
    /// The ONIX 2.1 List 7 code, as ONIX writes it (`BB`, `DG`, `00`).
    public var code: String
    /// The product's `__typename` (`ElectronicBookProduct`, …), which settles the ambiguous mappings (`DD`, `DA`).
    public var productTypename: String?

    /// `code` may be the GraphQL enum value (`_00`) or the ONIX code (`00`).
    public init(code: String, productTypename: String? = nil) {
        self.code = ONIXCode.code(fromEnumValue: code)
        self.productTypename = productTypename
    }

    /// The ONIX 3.0 List 150 code (mappings as in `onix-and-isbn.md` §3.3):
    /// - identical codes map to themselves;
    /// - `DG` → `ED` (digital download), `DH` → `EC` (online), `FB` → `FA`, `WW`/`WX` → `SA`;
    /// - `VB`, `VC`, `VG` (VHS) → `VJ`; `VD`, `VE`, `VH` (Betamax) → `VK`;
    /// - `DD` (DVD) → `VI` for a video product, `AI` for an audio product, otherwise `DI` (DVD-ROM);
    /// - `DA` ("digital" in 2.1) → `EA` for an electronic product, otherwise `DA` (now "on a physical carrier").
    public var onix30Code: String {
        switch code {
        case "DG": return "ED"
        case "DH": return "EC"
        case "FB": return "FA"
        case "WW", "WX": return "SA"
        case "VB", "VC", "VG": return "VJ"
        case "VD", "VE", "VH": return "VK"
        case "DD":
            if typenameMentions("Video") { return "VI" }
            if typenameMentions("Audio") { return "AI" }
            return "DI"
        case "DA":
            return typenameMentions("Electronic") ? "EA" : "DA"
        default:
            return code
        }
    }

    /// Whether the 2.1 code differs from its 3.0 counterpart (so a naive copy would be wrong).
    public var differsInONIX30: Bool { onix30Code != code || code == "DA" }

    /// The GraphQL enum value for this code (`00` → `_00`), for search variables.
    public var enumValue: String { ONIXCode.enumValue(forCode: code) }

    public var description: String { "\(code) (ONIX 2.1; 3.0: \(onix30Code))" }

    private func typenameMentions(_ word: String) -> Bool {
        productTypename?.range(of: word, options: .caseInsensitive) != nil
    }
}
