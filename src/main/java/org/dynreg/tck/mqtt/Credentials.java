package org.dynreg.tck.mqtt;

import org.dynreg.tck.spec.Secret;

/** What a CONNECT carries: ClientID, UserName and, unless {@code password} is null, a password. */
public record Credentials(String clientId, String username, String password) {

    @Override
    public String toString() {
        String pw = password == null ? "«no password»" : Secret.masked(password);
        return "ClientID=\"" + clientId + "\" UserName=\"" + username + "\" Password=" + pw;
    }
}
