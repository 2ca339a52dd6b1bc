import Foundation
import Hummingbird

/// Media on the Graph side (reference §1.8): `GET /{version}/{media-id}` answers the metadata with a download URL,
/// the URL (bearer required, like Meta's lookaside host) answers the bytes, and `POST /{phone-number-id}/media`
/// takes a multipart upload.
struct MediaEndpoints {
    static let downloadPath = "/whatsapp_business/attachments"

    let services: WhatsAppServices

    func metadata(id: String, host: String) throws(GraphError) -> APIResponse {
        guard let media = services.state.withLock({ $0.media[id] }) else { throw .unsupportedMediaGet(id) }
        var writer = JSONWriter(capacity: 384)
        writer.beginObject()
        writer.field("url", "http://\(host)\(Self.downloadPath)/?mid=\(media.id)&ext=\(media.fileExtension)&hash=\(media.sha256Hex.prefix(16))")
        writer.field("mime_type", media.mimeType)
        writer.field("sha256", media.sha256Hex)
        writer.field("file_size", media.bytes.count)
        writer.field("id", media.id)
        writer.field("messaging_product", "whatsapp")
        writer.endObject()
        return .json(writer)
    }

    func download(_ query: QueryItems) throws(GraphError) -> APIResponse {
        guard let id = query["mid"], let media = services.state.withLock({ $0.media[id] }) else {
            throw GraphError(code: 100, httpStatus: 404, message: "Media not found", details: "No media with mid \(query["mid"] ?? "")")
        }
        var headers = HTTPFields()
        headers[.contentType] = media.mimeType
        if let filename = media.filename { headers[.contentDisposition] = "attachment; filename=\"\(filename)\"" }
        return APIResponse(status: .ok, headers: headers, body: ByteBuffer(bytes: media.bytes))
    }

    /// `multipart/form-data` with `file` (its part's Content-Type, or the `type` field, is the MIME type) and
    /// `messaging_product=whatsapp`.
    func upload(contentType: String?, body: [UInt8]) throws(GraphError) -> APIResponse {
        guard let contentType, contentType.lowercased().hasPrefix("multipart/form-data"),
              let boundary = contentType.components(separatedBy: "boundary=").last?.trimmingCharacters(in: CharacterSet(charactersIn: "\" ")),
              !boundary.isEmpty else {
            throw .invalidParameter("Upload media as multipart/form-data with the fields file, type and messaging_product")
        }
        let parts = MultipartParts.parse(body, boundary: boundary)
        guard let file = parts.first(where: { $0.name == "file" }) else {
            throw .requiredParameterMissing("The parameter file is required.")
        }
        guard parts.first(where: { $0.name == "messaging_product" }).map({ String(decoding: $0.body, as: UTF8.self) }) == "whatsapp" else {
            throw .requiredParameterMissing("The parameter messaging_product is required.")
        }
        let typeField = parts.first(where: { $0.name == "type" }).map { String(decoding: $0.body, as: UTF8.self) }
        guard let mimeType = typeField ?? file.contentType else { throw .requiredParameterMissing("The parameter type is required.") }
        let media = services.storeMedia(mimeType: mimeType, filename: file.filename, bytes: file.body)
        var writer = JSONWriter(capacity: 64)
        writer.beginObject()
        writer.field("id", media.id)
        writer.endObject()
        return .json(writer)
    }
}

/// The parts of a `multipart/form-data` body — just enough of RFC 7578 for media uploads.
struct MultipartParts {
    struct Part {
        var name: String?
        var filename: String?
        var contentType: String?
        var body: [UInt8]
    }

    static func parse(_ body: [UInt8], boundary: String) -> [Part] {
        let delimiter = Array("--\(boundary)".utf8)
        let separator: [UInt8] = [13, 10, 13, 10]
        var parts: [Part] = []
        var chunks: [ArraySlice<UInt8>] = []
        var start: Int?
        var index = 0
        while index + delimiter.count <= body.count {
            if body[index..<(index + delimiter.count)].elementsEqual(delimiter) {
                if let start { chunks.append(body[start..<index]) }
                index += delimiter.count
                start = index
            } else {
                index += 1
            }
        }
        for chunk in chunks {
            var chunk = chunk
            if chunk.starts(with: [13, 10]) { chunk = chunk.dropFirst(2) }
            if chunk.suffix(2).elementsEqual([13, 10]) { chunk = chunk.dropLast(2) }
            guard let split = firstRange(of: separator, in: chunk) else { continue }
            let headerText = String(decoding: chunk[chunk.startIndex..<split], as: UTF8.self)
            var part = Part(body: Array(chunk[(split + separator.count)...]))
            for line in headerText.components(separatedBy: "\r\n") {
                let lower = line.lowercased()
                if lower.hasPrefix("content-disposition:") {
                    part.name = value(of: "name", in: line)
                    part.filename = value(of: "filename", in: line)
                } else if lower.hasPrefix("content-type:") {
                    part.contentType = line.dropFirst("content-type:".count).trimmingCharacters(in: .whitespaces)
                }
            }
            parts.append(part)
        }
        return parts
    }

    private static func firstRange(of needle: [UInt8], in haystack: ArraySlice<UInt8>) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        var index = haystack.startIndex
        while index + needle.count <= haystack.endIndex {
            if haystack[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }

    private static func value(of attribute: String, in line: String) -> String? {
        for piece in line.split(separator: ";") {
            let trimmed = piece.trimmingCharacters(in: .whitespaces)
            guard trimmed.hasPrefix("\(attribute)=") else { continue }
            return String(trimmed.dropFirst(attribute.count + 1)).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        }
        return nil
    }
}
