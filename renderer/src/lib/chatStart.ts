/**
 * "Start a chat from this image", asked from any screen (the library's detail, the viewer) and
 * carried out by the chats screen, which no other feature may import.
 */
import { create } from 'zustand';
import { useNavigation } from './navigation';

export const useChatStart = create<{ assetId: string | null }>()(() => ({ assetId: null }));

export function startChatFrom(assetId: string): void {
  useChatStart.setState({ assetId });
  useNavigation.getState().navigate('chats');
}

/** The chats screen takes the request once. */
export function takeChatStart(): string | null {
  const { assetId } = useChatStart.getState();
  if (assetId) useChatStart.setState({ assetId: null });
  return assetId;
}
