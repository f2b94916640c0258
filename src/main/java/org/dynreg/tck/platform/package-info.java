/**
 * The reference platform: HiveMQ Community Edition, embedded, with an extension that implements
 * dynamic registration as SPEC.md (src/main/resources/spec) describes it and meets every SHOULD rule of RULES.md.
 *
 * <h2>What it does</h2>
 * <ul>
 *   <li>CONNECT ({@code DeviceAuthenticator}): the UserName must be exactly
 *       {@code ProductSN|DeviceSN|authmode} with non-empty fields and authmode 1 or 2; the ClientID
 *       must be {@code ProductSN.DeviceSN}; the product must be known. Authmode 2 needs the product's
 *       dynamic-registration switch on, the DeviceSN on the whitelist, the ProdSecret, and a device not
 *       yet activated. Authmode 1 needs the DevSecret issued to that very device; the first successful
 *       static login activates the device. The observer account of the fixture may do anything.</li>
 *   <li>Restricted session ({@code Permissions}, {@code Guards}): a pre-authenticated device may
 *       publish only on its own {@code /$system/P/D/password} and subscribe only to its own
 *       {@code /$system/P/D/password_reply}; an outbound guard also keeps every other message from it.
 *       An activated device may publish on its uplink and subscribe to its downlink (the fixture's
 *       topic templates).</li>
 *   <li>The secret ({@code PasswordService}): a request {@code {"RequestID": ...}} on the device's own
 *       password topic is answered at once, at QoS 1, with
 *       {@code {"RetCode":"0","RequestID":<echoed as a string>,"Password":<secret>}} on its
 *       password_reply topic. The request itself is not forwarded to subscribers.</li>
 * </ul>
 *
 * <h2>Its choices where the spec is silent</h2>
 * <ul>
 *   <li>A refused CONNECT gets CONNACK NOT_AUTHORIZED (MQTT 3.1.1 return code 5, MQTT 5 reason 0x87).</li>
 *   <li>A forbidden SUBSCRIBE gets a failure code (0x80 / 0x87); the session stays open (ADV-2).</li>
 *   <li>A forbidden PUBLISH is not delivered; an MQTT 5 QoS 1 publisher gets PUBACK 0x87
 *       NOT_AUTHORIZED, an MQTT 3.1.1 one an ordinary PUBACK (3.1.1 has no negative PUBACK).</li>
 *   <li>Secrets are 16 characters of {@code [a-z0-9]} (the C SDK's buffer, ADV-4). Repeated
 *       requests before activation get the same secret. After activation the device gets no secret
 *       and cannot register again (ADV-3).</li>
 *   <li>Malformed requests (not JSON, no RequestID, any size the broker accepts) are ignored and
 *       change nothing (ADV-6). A numeric RequestID is echoed as a string.</li>
 *   <li>A pre-authentication may carry a Will Message: the CONNECT is accepted and its Will removed (a
 *       restricted session cannot send; HiveMQ would otherwise publish it when the session ends, since a Will
 *       passes none of the extension's PUBLISH guards). {@link org.dynreg.tck.platform.Behaviour#willRefused}
 *       refuses such a CONNECT instead.</li>
 *   <li>A forbidden PUBLISH is dropped whatever its QoS or retain flag (HiveMQ then neither delivers nor retains
 *       it); a forbidden SUBSCRIBE is refused, so no retained message, queued message or shared subscription
 *       reaches a restricted session. QoS 2, retained messages, shared subscriptions, topic aliases and persistent
 *       sessions are offered (HiveMQ's defaults); {@link org.dynreg.tck.platform.ReferencePlatform#startWithoutOptionalFeatures}
 *       starts a platform that offers none of them. HiveMQ resolves a PUBLISH's topic alias before any extension
 *       sees it, so the guards always check the topic a PUBLISH goes to.</li>
 *   <li>Keep-alive is left to HiveMQ's defaults.</li>
 * </ul>
 *
 * <p>{@link org.dynreg.tck.platform.Behaviour} switches to the other choices the spec allows (the
 * lenient profiles) and to {@link org.dynreg.tck.platform.Deviation}s that break one rule each, for
 * the kit's self-test.
 */
package org.dynreg.tck.platform;
