import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import type { RequestContext } from '../../../../platform/kernel';
import { OBJECT_STORAGE, ObjectStorage, storeUpload } from '../../../../platform/storage';
import { ATTACHMENT_TYPES, Attachment, MessagingErrors } from '../../domain';
import { MESSAGING_SETTINGS, MESSAGING_UNIT_OF_WORK, MessagingSettings, MessagingUnitOfWork } from '../ports';
import { actorOf, participation } from '../services/conversation-access';

const accepted = new Set<string>(ATTACHMENT_TYPES);

/**
 * A participant uploads a file to a conversation; it is attached to a message by sending with its id. The type
 * and size are checked from the bytes as they stream in (platform storage), never from the name.
 */
@Injectable()
export class UploadAttachmentUseCase {
  constructor(
    @Inject(MESSAGING_UNIT_OF_WORK) private readonly uow: MessagingUnitOfWork,
    @Inject(MESSAGING_SETTINGS) private readonly settings: MessagingSettings,
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
  ) {}

  async execute(ctx: RequestContext, input: { conversationId: string; stream: Readable; fileName: string }): Promise<Attachment> {
    const me = actorOf(ctx);
    try {
      await participation(this.uow.repos, input.conversationId, me);
    } catch (error) {
      input.stream.resume();
      throw error;
    }
    const id = randomUUID();
    const key = `messaging/${input.conversationId}/${id}`;
    const upload = await storeUpload(this.storage, key, input.stream, input.fileName, {
      maxBytes: this.settings.maxAttachmentBytes,
      accept: (detected) => (detected && accepted.has(detected) ? detected : undefined),
    });
    const attachment: Attachment = {
      id,
      conversationId: input.conversationId,
      uploaderUserId: me,
      messageId: null,
      storageKey: key,
      fileName: upload.fileName,
      contentType: upload.contentType,
      sizeBytes: upload.sizeBytes,
      sha256: upload.sha256,
      createdAt: new Date(),
    };
    await this.uow.repos.messages.insertAttachment(attachment);
    return attachment;
  }
}

/**
 * A short-lived signed link to an attachment, for the participants of its conversation once it is sent (before,
 * for its uploader only); never for a deleted message.
 */
@Injectable()
export class AttachmentLinkUseCase {
  constructor(
    @Inject(MESSAGING_UNIT_OF_WORK) private readonly uow: MessagingUnitOfWork,
    @Inject(MESSAGING_SETTINGS) private readonly settings: MessagingSettings,
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
  ) {}

  async execute(ctx: RequestContext, input: { attachmentId: string }): Promise<{ attachment: Attachment; url: string; expiresAt: Date }> {
    const me = actorOf(ctx);
    const repos = this.uow.repos;
    const attachment = await repos.messages.findAttachment(input.attachmentId);
    if (!attachment || !(await repos.participants.findActive(attachment.conversationId, me))) throw MessagingErrors.attachmentNotFound();
    if (!attachment.messageId) {
      if (attachment.uploaderUserId !== me) throw MessagingErrors.attachmentNotFound();
    } else {
      const message = await repos.messages.findById(attachment.messageId);
      if (!message || message.deletedAt) throw MessagingErrors.attachmentNotFound();
    }
    const expiresInSeconds = this.settings.attachmentLinkSeconds;
    const url = await this.storage.signedUrl(attachment.storageKey, { expiresInSeconds, fileName: attachment.fileName, contentType: attachment.contentType });
    return { attachment, url, expiresAt: new Date(Date.now() + expiresInSeconds * 1000) };
  }
}
