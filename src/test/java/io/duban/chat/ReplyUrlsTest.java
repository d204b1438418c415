package io.duban.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which reply URLs a bot may answer on. */
class ReplyUrlsTest {

  static final List<String> WECOM =
      new ChatProperties.WeComBot(
              "w", null, null, null, null, null, null, null, null, null, null, null)
          .replyHosts();

  @Test
  void usesHttpsUrlsOnThePlatformsOwnHostsOnly() {
    assertThat(ReplyUrls.allowed("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k", WECOM))
        .isTrue();
    assertThat(ReplyUrls.allowed("https://QYAPI.weixin.qq.com:443/cgi-bin/webhook/send", WECOM))
        .isTrue();
    assertThat(ReplyUrls.allowed("http://qyapi.weixin.qq.com/cgi-bin/webhook/send", WECOM))
        .isFalse();
    assertThat(ReplyUrls.allowed("https://qyapi.weixin.qq.com:8443/send", WECOM)).isFalse();
    assertThat(ReplyUrls.allowed("https://qyapi.weixin.qq.com.evil.example/send", WECOM)).isFalse();
    assertThat(ReplyUrls.allowed("https://qyapi.weixin.qq.com@evil.example/send", WECOM)).isFalse();
    assertThat(ReplyUrls.allowed("https://evil.example/?h=qyapi.weixin.qq.com", WECOM)).isFalse();
    assertThat(ReplyUrls.allowed("http://127.0.0.1:8080/cgi-bin/webhook/send", WECOM)).isFalse();
    assertThat(ReplyUrls.allowed("/cgi-bin/webhook/send", WECOM)).isFalse();
    assertThat(ReplyUrls.allowed("not a url", WECOM)).isFalse();
  }

  @Test
  void eachPlatformDefaultsToItsOwnHostsAndAnHttpsApiHost() {
    assertThat(
            new ChatProperties.DingTalkBot(
                    "d", null, null, null, null, null, null, null, null, null, null, null, null,
                    null)
                .replyHosts())
        .containsExactlyInAnyOrder("oapi.dingtalk.com", "api.dingtalk.com");
    assertThat(
            new ChatProperties.FeishuBot(
                    "f", null, null, null, null, null, null, null, null, null, null)
                .replyHosts())
        .containsExactlyInAnyOrder("open.feishu.cn", "open.larksuite.com");
    List<String> yzy =
        new ChatProperties.WeComBot(
                "y",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                "https://zwwx.gd.gov.cn",
                null,
                null)
            .replyHosts();
    assertThat(ReplyUrls.allowed("https://zwwx.gd.gov.cn/cgi-bin/webhook/send?key=k", yzy))
        .isTrue();
    List<String> loopback =
        new ChatProperties.WeComBot(
                "t",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                "http://127.0.0.1:9",
                null,
                null)
            .replyHosts();
    assertThat(ReplyUrls.allowed("http://127.0.0.1:9/send", loopback))
        .as("an http API host is not trusted for replies unless configured")
        .isFalse();
  }

  @Test
  void aConfiguredListReplacesTheDefaultsAndMayNameASchemeAndPort() {
    List<String> hosts = List.of("http://127.0.0.1:4567", "im.example.gov.cn");
    assertThat(ReplyUrls.allowed("http://127.0.0.1:4567/hook?key=1", hosts)).isTrue();
    assertThat(ReplyUrls.allowed("http://127.0.0.1:4568/hook", hosts)).isFalse();
    assertThat(ReplyUrls.allowed("https://im.example.gov.cn/hook", hosts)).isTrue();
    assertThat(ReplyUrls.allowed("https://qyapi.weixin.qq.com/hook", hosts)).isFalse();
  }

  @Test
  void showsAUrlWithoutItsQuery() {
    assertThat(ReplyUrls.shown("https://oapi.dingtalk.com/robot/sendBySession?session=secret"))
        .isEqualTo("https://oapi.dingtalk.com/robot/sendBySession");
  }
}
