import Foundation
import Testing
import WhatsAppKit

@Suite struct WebhookVerifierTests {
    /// Reference §2.2, computed with two independent HMAC implementations.
    static let vectors: [(key: String, message: [UInt8], hex: String)] = [
        ("secret", Array("test".utf8), "0329a06b62cd16b33eb6792be8c60b158d89a2ee3a876fce9a881ebb488c0914"),
        ("test_app_secret", Array(#"{"object":"whatsapp_business_account","entry":[]}"#.utf8), "dec6a680679a968e7e0319355b23599cbfc54502c0784668e9618baa0c633756"),
        ("test_app_secret", Array(#"{"body":"\u00e4"}"#.utf8), "2cf1873c7556cc3ad4802056df8c5c7f1a0f74650af078c02dc08d06f199e2ee"),
        ("test_app_secret", Array(#"{"body":"ä"}"#.utf8), "d06fecd0cf7a4bd6df214a0c51ff5c45ad9f75a5e01d4ff9d7cdef165e313eb8"),
    ]

    @Test func referenceVectors() throws {
        #expect(Self.vectors[1].message.count == 49)
        #expect(Self.vectors[2].message.count == 17)
        #expect(Self.vectors[3].message.count == 13)
        for vector in Self.vectors {
            #expect(WhatsAppWebhookVerifier.hexHMAC(appSecret: vector.key, body: vector.message) == vector.hex)
            let verifier = WhatsAppWebhookVerifier(appSecret: vector.key, verifyToken: "unused")
            try verifier.verify(body: vector.message, signature: "sha256=" + vector.hex)
            #expect(WhatsAppWebhookVerifier.signatureHeaderValue(appSecret: vector.key, body: vector.message) == "sha256=" + vector.hex)
        }
    }

    @Test func reEncodedBodiesFailVerification() {
        let verifier = WhatsAppWebhookVerifier(appSecret: "test_app_secret", verifyToken: "t")
        // The signature of the escaped form does not verify the UTF-8 form, and the other way round.
        #expect(throws: WhatsAppWebhookVerifier.SignatureFailure.badSignature) {
            try verifier.verify(body: Self.vectors[3].message, signature: "sha256=" + Self.vectors[2].hex)
        }
        #expect(!verifier.isValid(body: Self.vectors[2].message, signature: "sha256=" + Self.vectors[3].hex))
    }

    @Test func malformedAndMissingSignatures() {
        let verifier = WhatsAppWebhookVerifier(appSecret: "secret", verifyToken: "t")
        let body = Array("test".utf8)
        let hex = "0329a06b62cd16b33eb6792be8c60b158d89a2ee3a876fce9a881ebb488c0914"
        #expect(throws: WhatsAppWebhookVerifier.SignatureFailure.missingSignature) { try verifier.verify(body: body, signature: nil) }
        #expect(throws: WhatsAppWebhookVerifier.SignatureFailure.missingSignature) { try verifier.verify(body: body, signature: " ") }
        #expect(throws: WhatsAppWebhookVerifier.SignatureFailure.malformedSignature) { try verifier.verify(body: body, signature: hex) }
        #expect(throws: WhatsAppWebhookVerifier.SignatureFailure.malformedSignature) { try verifier.verify(body: body, signature: "sha1=" + hex) }
        #expect(throws: WhatsAppWebhookVerifier.SignatureFailure.malformedSignature) { try verifier.verify(body: body, signature: "sha256=" + hex.dropLast()) }
        #expect(throws: WhatsAppWebhookVerifier.SignatureFailure.malformedSignature) { try verifier.verify(body: body, signature: "sha256=" + hex.dropLast() + "z") }
        #expect(throws: WhatsAppWebhookVerifier.SignatureFailure.badSignature) { try verifier.verify(body: body + [0x0A], signature: "sha256=" + hex) }
        #expect(verifier.isValid(body: body, signature: "sha256=" + hex.uppercased()))
        #expect(throws: WhatsAppWebhookVerifier.SignatureFailure.notConfigured) {
            try WhatsAppWebhookVerifier(appSecret: "", verifyToken: "t").verify(body: body, signature: "sha256=" + hex)
        }
    }

    @Test func handshakeAcceptsOnlySubscribeWithTheRightToken() throws {
        let verifier = WhatsAppWebhookVerifier(appSecret: "s", verifyToken: "my-verify-token")
        #expect(try verifier.handshake(mode: "subscribe", verifyToken: "my-verify-token", challenge: "1158201444") == "1158201444")
        #expect(try verifier.handshake(query: ["hub.mode": "subscribe", "hub.verify_token": "my-verify-token", "hub.challenge": "abc"]) == "abc")
        #expect(throws: WhatsAppWebhookVerifier.HandshakeFailure.wrongVerifyToken) {
            try verifier.handshake(mode: "subscribe", verifyToken: "my-verify-tokem", challenge: "1")
        }
        #expect(throws: WhatsAppWebhookVerifier.HandshakeFailure.wrongVerifyToken) { try verifier.handshake(mode: "subscribe", verifyToken: nil, challenge: "1") }
        #expect(throws: WhatsAppWebhookVerifier.HandshakeFailure.wrongMode("unsubscribe")) {
            try verifier.handshake(mode: "unsubscribe", verifyToken: "my-verify-token", challenge: "1")
        }
        #expect(throws: WhatsAppWebhookVerifier.HandshakeFailure.missingChallenge) {
            try verifier.handshake(mode: "subscribe", verifyToken: "my-verify-token", challenge: nil)
        }
        #expect(throws: WhatsAppWebhookVerifier.HandshakeFailure.notConfigured) {
            try WhatsAppWebhookVerifier(appSecret: "s", verifyToken: "").handshake(mode: "subscribe", verifyToken: "", challenge: "1")
        }
    }

    @Test func secretsAreNeverPrinted() {
        let verifier = WhatsAppWebhookVerifier(appSecret: "app-secret-123", verifyToken: "verify-456")
        var dumped = ""
        dump(verifier, to: &dumped)
        for text in [String(describing: verifier), String(reflecting: verifier), dumped] {
            #expect(!text.contains("app-secret-123") && !text.contains("verify-456"))
        }
    }
}
