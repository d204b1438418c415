package io.duban.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Where each platform's picture and file messages name their media, checked against the shapes the
 * platforms publish (field names checked in December 2026):
 *
 * <ul>
 *   <li>WeCom app 接收消息 (doc 90239, 图片消息 / 文件消息): {@code MediaId} (and {@code FileName}), fetched by
 *       {@code GET /cgi-bin/media/get?access_token=&media_id=} (doc 90254 获取临时素材);
 *   <li>DingTalk robot 接收消息 (open.dingtalk.com/document/orgapp/receive-message; the Stream SDKs'
 *       {@code ChatbotMessage} and the open-dingtalk FAQ "机器人能接收图片吗"): {@code content.downloadCode}
 *       (pictures also carry {@code pictureDownloadCode}; files {@code fileName}), exchanged with
 *       {@code robotCode} at {@code POST /v1.0/robot/messageFiles/download} for a {@code
 *       downloadUrl};
 *   <li>Feishu 接收消息内容 (im.message.receive_v1): {@code message.message_id} and {@code content} as a
 *       JSON string with {@code image_key}, or {@code file_key} and {@code file_name}, fetched by
 *       {@code GET /open-apis/im/v1/messages/{message_id}/resources/{file_key}?type=image|file}.
 * </ul>
 */
class ReceivedMediaTest {

  private static InboundMessage message(Platform platform, MessageKind kind) {
    return new InboundMessage(
        1L,
        platform,
        "bot",
        "msg-1",
        "chat",
        ChatType.GROUP,
        "u1",
        null,
        kind,
        "",
        Instant.EPOCH,
        null,
        null);
  }

  @Test
  void readsTheWeComMediaIdOfAnImageAndAFile() {
    String image =
        "<xml><ToUserName><![CDATA[toUser]]></ToUserName><FromUserName><![CDATA[fromUser]]>"
            + "</FromUserName><CreateTime>1348831860</CreateTime><MsgType><![CDATA[image]]>"
            + "</MsgType><PicUrl><![CDATA[this is a url]]></PicUrl><MediaId><![CDATA[media_id]]>"
            + "</MediaId><MsgId>1234567890123456</MsgId><AgentID>1</AgentID></xml>";
    assertThat(ReceivedMedia.parse(message(Platform.WECOM, MessageKind.IMAGE), image))
        .hasValueSatisfying(
            ref -> {
              assertThat(ref.key()).isEqualTo("media_id");
              assertThat(ref.image()).isTrue();
            });
    String file =
        "<xml><MsgType><![CDATA[file]]></MsgType><MediaId><![CDATA[file-media-1]]></MediaId>"
            + "<FileName><![CDATA[会议纪要.pdf]]></FileName><FileSize>2048</FileSize></xml>";
    assertThat(ReceivedMedia.parse(message(Platform.WECOM, MessageKind.FILE), file))
        .hasValueSatisfying(
            ref -> {
              assertThat(ref.key()).isEqualTo("file-media-1");
              assertThat(ref.fileName()).isEqualTo("会议纪要.pdf");
            });
  }

  @Test
  void readsTheDingTalkDownloadCodeOfAPictureAndAFile() {
    String picture =
        "{\"msgtype\":\"picture\",\"content\":{\"pictureDownloadCode\":\"1lOlaJWGsEAMhw-EAO\","
            + "\"downloadCode\":\"mIofN681YE3f-3madCkipB\"},\"msgId\":\"msgA\"}";
    assertThat(ReceivedMedia.parse(message(Platform.DINGTALK, MessageKind.IMAGE), picture))
        .hasValueSatisfying(ref -> assertThat(ref.key()).isEqualTo("mIofN681YE3f-3madCkipB"));
    String file =
        "{\"msgtype\":\"file\",\"content\":{\"downloadCode\":\"dl-file\",\"fileName\":\"a.pdf\","
            + "\"spaceId\":\"1\",\"fileId\":\"2\"},\"msgId\":\"msgB\"}";
    assertThat(ReceivedMedia.parse(message(Platform.DINGTALK, MessageKind.FILE), file))
        .hasValueSatisfying(
            ref -> {
              assertThat(ref.key()).isEqualTo("dl-file");
              assertThat(ref.fileName()).isEqualTo("a.pdf");
            });
  }

  @Test
  void readsTheFeishuMessageIdAndKeyOfAnImageAndAFile() {
    String image =
        "{\"schema\":\"2.0\",\"event\":{\"message\":{\"message_id\":\"om_img\","
            + "\"message_type\":\"image\",\"content\":"
            + "\"{\\\"image_key\\\":\\\"img_7ea74629-9191-4176-998c-2e603c9c5e8g\\\"}\"}}}";
    assertThat(ReceivedMedia.parse(message(Platform.FEISHU, MessageKind.IMAGE), image))
        .hasValueSatisfying(
            ref -> {
              assertThat(ref.messageId()).isEqualTo("om_img");
              assertThat(ref.key()).isEqualTo("img_7ea74629-9191-4176-998c-2e603c9c5e8g");
            });
    String file =
        "{\"schema\":\"2.0\",\"event\":{\"message\":{\"message_id\":\"om_file\","
            + "\"message_type\":\"file\",\"content\":\"{\\\"file_key\\\":"
            + "\\\"file_456a92d6-c6ea-4de4-ac3f-7afcf44ac78g\\\",\\\"file_name\\\":\\\"测试.txt\\\"}\"}}}";
    assertThat(ReceivedMedia.parse(message(Platform.FEISHU, MessageKind.FILE), file))
        .hasValueSatisfying(
            ref -> {
              assertThat(ref.messageId()).isEqualTo("om_file");
              assertThat(ref.key()).isEqualTo("file_456a92d6-c6ea-4de4-ac3f-7afcf44ac78g");
              assertThat(ref.fileName()).isEqualTo("测试.txt");
            });
  }
}
