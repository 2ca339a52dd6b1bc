import ConnectorKit
import Foundation
import Testing
@testable import WhatsAppKit

@Suite struct WhatsAppClientErrorTests {
    let support = ClientTestSupport.self

    func sendFailure(_ response: InboundResponse) async throws -> (WhatsAppError, Int) {
        let transport = ScriptedTransport([.respond(response), .respond(support.accepted)])
        do {
            _ = try await support.client(transport).sendText(to: "16505551234", "hello")
        } catch let error as WhatsAppError {
            return (error, transport.requests.count)
        }
        Issue.record("expected a WhatsAppError")
        throw CancellationError()
    }

    @Test(arguments: [
        (130429, 429, WhatsAppErrorKind.throughputLimitReached, WhatsAppErrorAction.backOffBusinessNumber, true),
        (131056, 429, .pairRateLimitHit, .backOffRecipient, true),
        (131047, 400, .customerServiceWindowClosed, .resendAsTemplate, false),
        (131026, 400, .undeliverable, .markFailed, false),
        (132000, 400, .templateParameterCountMismatch, .fixTemplateCall, false),
        (132001, 404, .templateNotFound, .fixTemplateCall, false),
        (132015, 400, .templatePaused, .switchTemplate, false),
        (132016, 400, .templateDisabled, .switchTemplate, false),
        (190, 401, .accessTokenInvalid, .rotateAccessToken, false),
        (131000, 500, .temporarilyUnavailable, .retryWithBackoff, true),
    ])
    func graphErrorsAreClassifiedByCodeAndNotRetriedBlindly(code: Int, status: Int, kind: WhatsAppErrorKind, action: WhatsAppErrorAction, retryable: Bool) async throws {
        let (error, attempts) = try await sendFailure(support.graphError(code: String(code), status: status, message: "(#\(code)) something"))
        #expect(attempts == 1, "a Graph error is handed to the caller, not retried or waited out")
        #expect(error.code == code)
        #expect(error.httpStatus == status)
        #expect(error.kind == kind)
        #expect(error.suggestedAction == action)
        #expect(error.isRetryable == retryable)
        #expect(error.type == "OAuthException")
        #expect(error.details == "details")
        #expect(error.traceID == "AXsgnV2Cm3ZMGF3dF_cfYIn")
        #expect(!error.outcomeUnknown)
    }

    @Test func eachListedCodeHasItsOwnKind() {
        let codes = [130429, 131047, 131026, 131056, 132000, 132001, 132015, 132016, 190]
        #expect(Set(codes.map(WhatsAppErrorKind.init(code:))).count == codes.count)
        #expect(WhatsAppErrorKind(code: 131049).suggestedAction == .retryAfter(.seconds(86_400)))
        #expect(WhatsAppErrorKind(code: 131050) == .recipientUnavailable)
        #expect(WhatsAppErrorKind(code: 250) == .permissionDenied)
        #expect(WhatsAppErrorKind(code: 368) == .accountRestricted)
        #expect(WhatsAppErrorKind(code: 131052) == .mediaFailed)
        #expect(WhatsAppErrorKind(code: 100).isRetryable == false)
        #expect(WhatsAppErrorKind(code: 2).isRetryable)
        #expect(WhatsAppErrorKind(code: 999_999) == .unknown(999_999))
        #expect(WhatsAppErrorKind(code: 190).needsOperatorAttention)
        #expect(!WhatsAppErrorKind(code: 131056).needsOperatorAttention)
    }

    @Test func codeAsStringAndTransientUnknownCodes() async throws {
        let (error, _) = try await sendFailure(support.graphError(code: #""131056""#, status: 400))
        #expect(error.kind == .pairRateLimitHit)
        let transient = WhatsAppError(status: 400, body: Array(#"{"error":{"message":"m","type":"T","code":424242,"is_transient":true}}"#.utf8))
        #expect(transient.kind == .unknown(424_242))
        #expect(transient.isRetryable)
        #expect(transient.suggestedAction == .retryWithBackoff)
        let permanent = WhatsAppError(status: 400, body: Array(#"{"error":{"message":"m","type":"T","code":424242}}"#.utf8))
        #expect(!permanent.isRetryable)
        #expect(permanent.suggestedAction == .inspect)
    }

    @Test func answersWithoutAnEnvelope() async throws {
        let html = WhatsAppError(status: 401, body: Array("<html>nope</html>".utf8))
        #expect(html.kind == .accessTokenInvalid && html.code == nil)
        // A bare 502 on a send: retries are off for sends, and Meta may have accepted the message.
        let (gateway, attempts) = try await sendFailure(.json(502, "Bad Gateway"))
        #expect(attempts == 1)
        #expect(gateway.kind == .temporarilyUnavailable)
        #expect(gateway.outcomeUnknown)
        #expect(!gateway.isRetryable)
        // A 200 that cannot be read: the message was probably sent.
        let (garbled, _) = try await sendFailure(.json(200, #"{"messages":"#))
        #expect(garbled.kind == .transportFailure && garbled.outcomeUnknown)
    }

    @Test func theTokenNeverAppearsInErrors() async throws {
        let leaky = support.graphError(code: "190", status: 401, message: "Invalid OAuth access token - \(support.token)", details: "token \(support.token) expired")
        let (error, _) = try await sendFailure(leaky)
        var dumped = ""
        dump(error, to: &dumped)
        for text in [String(describing: error), String(reflecting: error), error.message, error.details ?? "", error.rawBody, dumped] {
            #expect(!text.contains(support.token))
        }
        #expect(error.message.contains("[redacted]"))

        let transport = ScriptedTransport([.fail(TransportError(kind: .timeout, detail: "timed out sending Bearer \(support.token)"))])
        do {
            _ = try await support.client(transport).sendText(to: "1", "x")
            Issue.record("expected failure")
        } catch let error as WhatsAppError {
            #expect(error.kind == .transportFailure)
            #expect(error.outcomeUnknown)
            #expect(!String(describing: error).contains(support.token))
        }
    }
}
