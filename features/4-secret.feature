Feature: The secret (password request and reply)
  The pre-authenticated device subscribes to /$system/${ProductSN}/${DeviceSN}/password_reply and
  publishes {"RequestID": "<id>"} to /$system/${ProductSN}/${DeviceSN}/password. The platform answers
  {"RetCode": "0", "RequestID": "<id>", "Password": "<DevSecret>"} on the password_reply topic.

  Rule: SECRET-1 — a request is answered on the device's password_reply topic within the reply timeout

    @SECRET-1
    Scenario: A password request is answered
      Given a fresh whitelisted device of the product
      And it is pre-authenticated
      When it requests its secret with RequestID "100"
      Then a reply arrives on its password_reply topic within the reply timeout

  Rule: SECRET-2 — the reply is a JSON object with RetCode "0", a string RequestID and a non-empty Password

    @SECRET-2
    Scenario: The reply has the documented shape
      Given a fresh whitelisted device of the product
      And it is pre-authenticated
      When it requests its secret with RequestID "100"
      Then the reply is a JSON object with RetCode "0", a string RequestID and a non-empty string Password

  Rule: SECRET-3 — the reply's RequestID is the request's, exactly

    @SECRET-3
    Scenario Outline: The reply echoes the RequestID <case>
      Given a fresh whitelisted device of the product
      And it is pre-authenticated
      When it requests its secret with RequestID "<requestId>"
      Then the reply echoes that RequestID exactly

      Examples:
        | case                    | requestId                                                                  |
        | "100"                   | 100                                                                        |
        | a UUID                  | {UUID}                                                                     |
        | a long non-numeric one  | dynreg-tck request, not a number: äöü/#+$ {Random}{Random}{Random}{Random} |

    @SECRET-3
    Scenario: Several requests in a row are each answered with their own RequestID
      Given a fresh whitelisted device of the product
      And it is pre-authenticated
      When it requests its secret 3 times in a row
      Then each reply echoes its own request's RequestID

  Rule: SECRET-4 — the Password is the device's DevSecret

    @SECRET-4
    Scenario: The received secret opens a static login
      Given a fresh whitelisted device of the product
      And it is pre-authenticated
      And it requests its secret with RequestID "100"
      When it connects in authmode 1 with its secret
      Then the broker accepts the connection
