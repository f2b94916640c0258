Feature: The restricted session (after pre-authentication, before the secret)
  After pre-authentication the device may connect, but its permissions are restricted: it cannot
  send or receive messages. It may only subscribe to its own password_reply topic and publish its
  request on its own password topic.

  "Not delivered" means not received within timeouts.silenceMillis of being sent. A scenario looks
  once its positive controls have arrived and a floor derived from the measured round trip has
  passed; the run keeps watching for every forbidden message until silenceMillis after the last one
  was sent, and one that arrives later than its scenario looked still fails its rule.
  The broker may refuse a forbidden PUBLISH or SUBSCRIBE with a failure code, close the connection,
  or silently drop it / grant it and deliver nothing: all of these conform.
  Every route counts: a live PUBLISH at any QoS, a retained message (for present and later subscribers),
  the session's Will Message, a shared subscription. A route through an optional MQTT feature the broker
  does not offer (its CONNACK says so) does not apply to it: n/a, "not offered". The kit clears every
  retained message it set, or had a device set, when the scenario ends.

  Rule: RESTRICT-1 — the device may subscribe to its password_reply and publish on its password topic

    @RESTRICT-1
    Scenario: A pre-authenticated device subscribes to its password_reply and publishes on its password topic
      Given a fresh whitelisted device of the product
      And it is pre-authenticated
      When it subscribes to "/$system/{ProductSN}/{DeviceSN}/password_reply"
      Then the subscription is granted
      When it sends a password request on "/$system/{ProductSN}/{DeviceSN}/password"
      Then the broker does not refuse the request

  Rule: RESTRICT-2 — it cannot send: a publish to any other topic is delivered to no one

    @RESTRICT-2
    Scenario Outline: A pre-authenticated device cannot publish to <case>
      Given a fresh whitelisted device of the product
      And it is pre-authenticated
      When it publishes a message to "<topic>"
      Then no subscriber receives that message

      Examples:
        | case                         | topic                                               |
        | its own uplink topic         | {Uplink}                                            |
        | its own downlink topic       | {Downlink}                                          |
        | another device's uplink      | {OtherUplink}                                       |
        | an arbitrary topic           | dynreg-tck/arbitrary/{Random}                       |
        | its own password_reply topic | /$system/{ProductSN}/{DeviceSN}/password_reply      |

    # QoS 2 is optional: a broker that offers at most QoS 1 (MQTT 5 CONNACK Maximum QoS) makes these rows n/a
    @RESTRICT-2
    Scenario Outline: A pre-authenticated device cannot publish at QoS 2 to <case>
      Given a fresh whitelisted device of the product
      And it is pre-authenticated
      When it publishes a message to "<topic>" at QoS 2
      Then no subscriber receives that message

      Examples:
        | case                         | topic                                               |
        | its own uplink topic         | {Uplink}                                            |
        | another device's uplink      | {OtherUplink}                                       |
        | its own password_reply topic | /$system/{ProductSN}/{DeviceSN}/password_reply      |

    # retained messages are optional: a broker that offers none (MQTT 5 CONNACK Retain Available 0) makes these rows n/a
    @RESTRICT-2
    Scenario Outline: A pre-authenticated device's retained publish to <case> reaches no subscriber, present or later
      Given a fresh whitelisted device of the product
      And it is pre-authenticated
      When it publishes a retained message to "<topic>"
      Then no subscriber receives that message
      And a subscriber that comes later receives no retained copy of it

      Examples:
        | case                         | topic                                               |
        | its own uplink topic         | {Uplink}                                            |
        | another device's uplink      | {OtherUplink}                                       |
        | an arbitrary topic           | dynreg-tck/arbitrary/{Random}                       |

    # topic aliases are MQTT 5's and optional (n/a over MQTT 3.1.1, and where the CONNACK's Topic Alias Maximum is 0):
    # Topic Alias 1 set on its own password topic, then re-pointed to the topic, then used alone (an empty topic name)
    @RESTRICT-2
    Scenario Outline: A pre-authenticated device cannot publish to <case> through a topic alias
      Given a fresh whitelisted device of the product
      And it is pre-authenticated
      When it publishes a message to "<topic>" through a topic alias it first set on its password topic
      Then no subscriber receives that message

      Examples:
        | case                         | topic                                               |
        | its own uplink topic         | {Uplink}                                            |
        | another device's uplink      | {OtherUplink}                                       |
        | its own password_reply topic | /$system/{ProductSN}/{DeviceSN}/password_reply      |

    # a broker may instead refuse a pre-authentication that carries a Will (the Will could never be published);
    # the Will Delay Interval and DISCONNECT 0x04 are MQTT 5's: over MQTT 3.1.1 those rows are n/a
    @RESTRICT-2
    Scenario Outline: A pre-authenticated device's <will> to <case> is delivered to no one when <ending>
      Given a fresh whitelisted device of the product
      And it is pre-authenticated with a <will> to "<topic>"
      When <ending>
      Then no subscriber receives its Will Message

      Examples:
        | case                         | topic                                          | will                       | ending                                          |
        | its own uplink topic         | {Uplink}                                       | Will Message               | its network connection drops without DISCONNECT |
        | its own downlink topic       | {Downlink}                                     | Will Message               | its network connection drops without DISCONNECT |
        | another device's uplink      | {OtherUplink}                                  | Will Message               | its network connection drops without DISCONNECT |
        | an arbitrary topic           | dynreg-tck/arbitrary/{Random}                  | Will Message               | its network connection drops without DISCONNECT |
        | its own password_reply topic | /$system/{ProductSN}/{DeviceSN}/password_reply | Will Message               | its network connection drops without DISCONNECT |
        | its own uplink topic         | {Uplink}                                       | Will Message               | it disconnects with reason code 0x04            |
        | another device's uplink      | {OtherUplink}                                  | Will Message               | it disconnects with reason code 0x04            |
        | its own uplink topic         | {Uplink}                                       | Will Message delayed 1 s   | its network connection drops without DISCONNECT |

  Rule: RESTRICT-3 — it cannot receive: a subscription to any topic but its password_reply delivers nothing

    @RESTRICT-3
    Scenario Outline: A pre-authenticated device receives nothing through a subscription to <case>
      Given a fresh whitelisted device of the product
      And it is pre-authenticated
      When it subscribes to "<filter>"
      And a message is published to "<published>"
      Then the device does not receive that message

      Examples:
        | case                     | filter                                 | published                                           |
        | its own downlink         | {Downlink}                             | {Downlink}                                          |
        | everything (#)           | #                                      | {OtherUplink}                                       |
        | all system topics        | /$system/#                             | /$system/{ProductSN}/{OtherDeviceSN}/password_reply |
        | another device's downlink | {OtherDownlink}                       | {OtherDownlink}                                     |
        | another device's uplink  | {OtherUplink}                          | {OtherUplink}                                       |
        | a shared subscription to its own downlink | $share/{Random}/{Downlink} | {Downlink}                                 |
        | a shared subscription to everything       | $share/{Random}/#          | {OtherUplink}                              |

    # retained messages are optional (n/a where the observer's CONNACK says Retain Available 0); Retain Handling is MQTT 5's
    @RESTRICT-3
    Scenario Outline: A pre-authenticated device receives no retained message through a subscription to <case> with Retain Handling <handling>
      Given a fresh whitelisted device of the product
      And it is pre-authenticated
      And a retained message was published to "<published>"
      When it subscribes to "<filter>" with Retain Handling <handling>
      Then the device does not receive the retained message

      Examples:
        | case                      | filter          | handling | published       |
        | its own downlink          | {Downlink}      | 0        | {Downlink}      |
        | its own downlink          | {Downlink}      | 1        | {Downlink}      |
        | its own downlink          | {Downlink}      | 2        | {Downlink}      |
        | everything (#)            | #               | 0        | {OtherUplink}   |
        | another device's downlink | {OtherDownlink} | 0        | {OtherDownlink} |

    # persistent sessions are optional: a broker that refuses clean session 0, grants no Session Expiry or keeps no
    # session (Session Present 0) makes these rows n/a; the kit ends every persistent session it opened
    @RESTRICT-3
    Scenario Outline: A persistent restricted session receives nothing queued for it while offline, through a subscription to <case>
      Given a fresh whitelisted device of the product
      And it is pre-authenticated with a persistent session
      And it subscribes to "<filter>" at QoS 1
      And it disconnects
      When a message is published to "<published>"
      And it resumes its persistent session
      Then the device does not receive what was queued for it

      Examples:
        | case                      | filter          | published       |
        | its own downlink          | {Downlink}      | {Downlink}      |
        | everything (#)            | #               | {OtherUplink}   |

  Rule: RESTRICT-4 — it cannot reach another device's secret

    @RESTRICT-4
    Scenario Outline: A pre-authenticated device does not see another device's reply through <case>
      Given a fresh whitelisted device of the product
      And another fresh whitelisted device of the product
      And it is pre-authenticated
      When it subscribes to "<filter>"
      And the other device registers and receives its secret
      Then the device does not receive the other device's reply

      Examples:
        | case                      | filter                                              |
        | the reply topic by name   | /$system/{ProductSN}/{OtherDeviceSN}/password_reply |
        | a single-level wildcard   | /$system/{ProductSN}/+/password_reply               |
        | a multi-level wildcard    | /$system/{ProductSN}/#                              |
        | a shared subscription     | $share/{Random}//$system/{ProductSN}/+/password_reply |

    @RESTRICT-4
    Scenario: Registering does not give a device another device's secret
      Given a fresh whitelisted device of the product
      And another fresh whitelisted device of the product
      When both register
      Then neither was issued a secret the run saw issued to another device

    @RESTRICT-4
    Scenario: A request published on another device's password topic is answered nowhere the requester can see
      Given a fresh whitelisted device of the product
      And another fresh whitelisted device of the product
      And it is pre-authenticated
      And it subscribes to "/$system/{ProductSN}/{DeviceSN}/password_reply"
      And it subscribes to "/$system/{ProductSN}/+/password_reply"
      When it sends a password request on "/$system/{ProductSN}/{OtherDeviceSN}/password"
      Then no reply to that request is delivered
