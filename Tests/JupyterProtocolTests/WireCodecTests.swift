import Foundation
import JSON
import JupyterProtocol
import Testing

@Suite struct WireCodecTests {
    let codec = WireCodec(signer: try! MessageSigner(key: "secret"))
    let session = Session()

    func request(_ code: String = "1 + 1") -> Message {
        var message = session.message("execute_request", content: ["code": .string(code)])
        message.identities = [Data("client-1".utf8)]
        return message
    }

    @Test func roundTripKeepsIdentitiesHeaderAndContent() throws {
        let original = request()
        let frames = codec.encode(original)
        #expect(frames[0] == Data("client-1".utf8))
        #expect(frames[1] == WireCodec.delimiter)
        let (decoded, signature) = try codec.decode(frames)
        #expect(decoded.identities == original.identities)
        #expect(decoded.header == original.header)
        #expect(decoded.content == ["code": "1 + 1"])
        #expect(signature == frames[2])
    }

    @Test func signatureIsHMACSHA256OfTheFourFramesInHex() {
        let frames = codec.encode(request())
        let signature = String(decoding: frames[2], as: UTF8.self)
        #expect(signature.count == 64)
        #expect(signature.allSatisfy { "0123456789abcdef".contains($0) })
        #expect(try! MessageSigner(key: "secret").signature(of: frames[3...6]) == signature)
    }

    @Test func rejectsForgedUnsignedAndOtherKeySignatures() {
        var frames = codec.encode(request())
        frames[2] = Data(String(repeating: "0", count: 64).utf8)
        #expect(throws: WireError.badSignature) { try codec.decode(frames) }
        frames[2] = Data()
        #expect(throws: WireError.unsigned) { try codec.decode(frames) }
        let other = WireCodec(signer: try! MessageSigner(key: "other"))
        #expect(throws: WireError.badSignature) { try codec.decode(other.encode(request())) }
    }

    @Test func rejectsTamperedContentEvenWithTheOriginalSignature() {
        var frames = codec.encode(request("print(1)"))
        frames[6] = Data(#"{"code":"rm -rf /"}"#.utf8)
        #expect(throws: WireError.badSignature) { try codec.decode(frames) }
    }

    @Test func rejectsMalformedFrameSets() {
        let frames = codec.encode(request())
        #expect(throws: WireError.missingDelimiter) { try codec.decode(frames.filter { $0 != WireCodec.delimiter }) }
        #expect(throws: WireError.tooFewFrames(3)) { try codec.decode(Array(frames.prefix(5))) }
        let open = WireCodec(signer: try! MessageSigner(key: ""))
        var bad = open.encode(request())
        bad[6] = Data("{not json".utf8)
        #expect(throws: WireError.malformedJSON(frame: "content")) { try open.decode(bad) }
        bad[6] = Data("[1]".utf8)
        #expect(throws: WireError.notAnObject(frame: "content")) { try open.decode(bad) }
        bad[6] = Data("{}".utf8)
        bad[3] = Data(#"{"msg_type":"x"}"#.utf8)
        #expect(throws: WireError.missingField("header.msg_id")) { try open.decode(bad) }
    }

    @Test func buffersFollowTheContent() throws {
        var message = request()
        message.buffers = [Data([0, 1, 2])]
        let (decoded, _) = try codec.decode(codec.encode(message))
        #expect(decoded.buffers == [Data([0, 1, 2])])
    }

    @Test func unknownHeaderFieldsAreEchoedInParentHeaders() throws {
        var message = request()
        message.header.extra = ["subshell_id": "abc"]
        let (decoded, _) = try codec.decode(codec.encode(message))
        let reply = session.message("execute_reply", content: [:], parent: decoded)
        #expect(reply.parentHeader["subshell_id"] == "abc")
        #expect(reply.parentHeader["msg_id"] == .string(message.header.msgID))
        #expect(reply.identities == message.identities)
        #expect(reply.header.msgID != message.header.msgID)
    }

    @Test func unsupportedSchemeIsRefused() {
        #expect(throws: UnsupportedSignatureScheme.self) { try MessageSigner(key: "k", scheme: "hmac-md5") }
    }
}
