Feature: Credentials (CONNECT)
  A device connects with
    ClientID  ${ProductSN}.${DeviceSN}
    UserName  ${ProductSN}|${DeviceSN}|${authmode}   (authmode 1 = static, 2 = dynamic registration)
    Password  ${ProdSecret} in authmode 2, ${DevSecret} in authmode 1
  "Refused" means a CONNACK with any failure code, or the connection closed before a successful CONNACK.

  Placeholders in the tables: {ProductSN} and {DeviceSN} are the device's own, {OtherDeviceSN} another
  whitelisted device of the same product, {OtherProductSN} the product without dynamic registration,
  {UnknownProductSN} a ProductSN the platform does not know, {Random} a random string.

  Rule: CRED-1 — the ClientID is ${ProductSN}.${DeviceSN}, in authmode 1 and 2 alike

    @CRED-1
    Scenario Outline: Dynamic registration with a ClientID that does not match the UserName is refused: <case>
      Given the probe device of the product
      When it connects in authmode 2 with ClientID "<clientId>"
      Then the broker refuses the connection

      Examples:
        | case                 | clientId                    |
        | another device's SN  | {ProductSN}.{OtherDeviceSN} |
        | missing ProductSN    | {DeviceSN}                  |
        | a different ProductSN | {OtherProductSN}.{DeviceSN} |
        | a random id          | {Random}                    |
        | an empty id          |                             |
        | its own with one character appended | {ProductSN}.{DeviceSN}0 |
        | its own with another separator      | {ProductSN}-{DeviceSN}  |

    @CRED-1
    Scenario Outline: Static login with a ClientID that does not match the UserName is refused: <case>
      Given a registered device of the product
      When it connects in authmode 1 with ClientID "<clientId>"
      Then the broker refuses the connection
      And with its own ClientID the same login is accepted

      Examples:
        | case                 | clientId                    |
        | another device's SN  | {ProductSN}.{OtherDeviceSN} |
        | missing ProductSN    | {DeviceSN}                  |
        | a different ProductSN | {OtherProductSN}.{DeviceSN} |
        | a random id          | {Random}                    |
        | an empty id          |                             |
        | its own with one character appended | {ProductSN}.{DeviceSN}0 |
        | its own with another separator      | {ProductSN}-{DeviceSN}  |

  Rule: CRED-2 — the UserName is ${ProductSN}|${DeviceSN}|${authmode} with authmode 1 or 2

    @CRED-2
    Scenario Outline: A malformed UserName is refused: <case>
      Given the probe device of the product
      When it connects with the product secret and UserName "<userName>"
      Then the broker refuses the connection

      Examples:
        | case                  | userName                      |
        | authmode 0            | {ProductSN}\|{DeviceSN}\|0    |
        | authmode 3            | {ProductSN}\|{DeviceSN}\|3    |
        | empty authmode        | {ProductSN}\|{DeviceSN}\|     |
        | non-numeric authmode  | {ProductSN}\|{DeviceSN}\|x    |
        | missing authmode      | {ProductSN}\|{DeviceSN}       |
        | extra field           | {ProductSN}\|{DeviceSN}\|2\|1 |
        | empty ProductSN       | \|{DeviceSN}\|2               |
        | empty DeviceSN        | {ProductSN}\|\|2              |
        | no separators         | {ProductSN}{DeviceSN}2        |

  Rule: CRED-3 — an unknown ProductSN is refused

    @CRED-3
    Scenario Outline: A device of an unknown product is refused (authmode <authmode>)
      Given the probe device of the product
      When it connects in authmode <authmode> as a device of an unknown product
      Then the broker refuses the connection

      Examples:
        | authmode |
        | 2        |
        | 1        |
