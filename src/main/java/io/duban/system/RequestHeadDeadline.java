package io.duban.system;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a connection whose next request line and headers have not arrived within a deadline,
 * counted from the connection's opening and from each answer's end. Netty's idle and read timeouts
 * restart at every byte, so a client sending one byte a second would hold its connection (and a
 * decoder's memory) for ever; this deadline does not restart. Sits after the HTTP codec, so it sees
 * requests, not bytes.
 */
final class RequestHeadDeadline extends ChannelDuplexHandler {

  private static final Logger log = LoggerFactory.getLogger(RequestHeadDeadline.class);

  private final long nanos;
  private ScheduledFuture<?> deadline;

  RequestHeadDeadline(Duration timeout) {
    this.nanos = timeout.toNanos();
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    if (ctx.channel().isActive()) {
      arm(ctx);
    }
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    arm(ctx);
    super.channelActive(ctx);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    if (msg instanceof HttpRequest) {
      disarm();
    }
    super.channelRead(ctx, msg);
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise)
      throws Exception {
    if (msg instanceof LastHttpContent) {
      // the answer is complete: the next request's head has its own deadline
      promise = promise.unvoid();
      promise.addListener(f -> arm(ctx));
    }
    super.write(ctx, msg, promise);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    disarm();
    super.channelInactive(ctx);
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    disarm();
  }

  private void arm(ChannelHandlerContext ctx) {
    disarm();
    if (!ctx.channel().isActive()) {
      return;
    }
    deadline =
        ctx.executor()
            .schedule(
                () -> {
                  log.debug("Closing {}: no request head in time", ctx.channel().remoteAddress());
                  ctx.close();
                },
                nanos,
                TimeUnit.NANOSECONDS);
  }

  private void disarm() {
    if (deadline != null) {
      deadline.cancel(false);
      deadline = null;
    }
  }
}
