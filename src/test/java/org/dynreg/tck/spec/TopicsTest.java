package org.dynreg.tck.spec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void theOwnerOfAPasswordTopicIsItsDevice() {
        assertThat(Topics.passwordOwner("/$system/P/D/password")).hasValue(new DeviceId("P", "D"));
        assertThat(Topics.passwordOwner("/$system/P/D/password_reply")).isEmpty();
        assertThat(Topics.passwordOwner("/$system//D/password")).isEmpty();
        assertThat(Topics.passwordOwner("$system/P/D/password")).isEmpty();
        assertThat(Topics.replyOwner("/$system/P/D/password_reply")).hasValue(new DeviceId("P", "D"));
    }

    @Test
    void aDeviceNamesItsClientIdUserNameAndTopicsAsTheSpecDoes() {
        DeviceId d = new DeviceId("70ly1tvowt696r15", "112233445566");
        assertThat(d.clientId()).isEqualTo("70ly1tvowt696r15.112233445566");
        assertThat(d.username(DeviceId.DYNAMIC)).isEqualTo("70ly1tvowt696r15|112233445566|2");
        assertThat(d.passwordTopic()).isEqualTo("/$system/70ly1tvowt696r15/112233445566/password");
        assertThat(d.replyTopic()).isEqualTo("/$system/70ly1tvowt696r15/112233445566/password_reply");
        assertThat(DeviceId.parseUserName("P|D|2")).hasValue(new DeviceId.UserName("P", "D", "2"));
        assertThat(DeviceId.parseUserName("P|D|2|1")).isEmpty();
        assertThat(DeviceId.parseUserName("|D|2")).isEmpty();
    }

    @Test
    void aReplyIsJudgedAsSecret2And3Say() {
        PasswordReply good = PasswordReply.parse("{\"RetCode\":\"0\",\"RequestID\":\"100\",\"Password\":\"s3cret\",\"x\":1}".getBytes());
        assertThat(good.shapeProblems()).isEmpty();
        assertThat(good.echoes("100")).isTrue();
        assertThat(good.issuesSecret()).isTrue();
        assertThat(good.requestId()).hasValue("100");
        PasswordReply numbers = PasswordReply.parse("{\"RetCode\":0,\"RequestID\":100,\"Password\":\"\"}".getBytes());
        assertThat(numbers.shapeProblems()).containsExactly("RetCode is 0 (a JSON number), not the string \"0\"",
                "RequestID is 100 (a JSON number), not a string", "Password is empty");
        assertThat(numbers.echoes("100")).isFalse();
        assertThat(numbers.requestId()).isEmpty();
        assertThat(PasswordReply.parse("RetCode=0".getBytes()).shapeProblems()).containsExactly("it is not a JSON object");
        assertThat(PasswordRequest.requestId(PasswordRequest.payload("a\"b").getBytes()).map(String::valueOf)).hasValue("a\"b");
        assertThat(PasswordRequest.requestId("{\"Request\":1}".getBytes())).isEmpty();
    }

    @Test
    void aPlatformBuildsTheSpecsReplyAndCanBendItFieldByField() {
        String good = new String(PasswordReply.issuing("r-1", "s3cret").bytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(good).isEqualTo("{\"RetCode\":\"0\",\"RequestID\":\"r-1\",\"Password\":\"s3cret\"}");
        assertThat(PasswordReply.parse(good.getBytes()).shapeProblems()).isEmpty();
        PasswordReply.Builder bent = PasswordReply.issuing("100", "s3cret").set(PasswordReply.RET_CODE, 0)
                .set(PasswordReply.REQUEST_ID, 100L).rename(PasswordReply.PASSWORD, "password");
        assertThat(new String(bent.bytes(), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("{\"RetCode\":0,\"RequestID\":100,\"password\":\"s3cret\"}");
        assertThat(new String(bent.formEncoded(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("RetCode=0&RequestID=100&password=s3cret");
        assertThat(DeviceId.userName(DeviceId.userNameFields("P|D|3"))).hasValueSatisfying(u -> assertThat(u.authmodeValid()).isFalse());
        assertThat(DeviceId.userNameFields("P|D||")).containsExactly("P", "D", "", "");
        assertThat(Topics.isSystem("/$system/+/+/password_reply")).isTrue();
    }
}
