import { useReactFlow, useStore } from '@xyflow/react';
import { useEffect } from 'react';

/** How close to the canvas's edge a node may sit and still count as in view, in pixels. */
const MARGIN = 16;

/**
 * Keeps the selected node on screen: a node just added lands below the others, and a node
 * chosen from the "Edit node" list or a problem's button may lie outside the view; the canvas
 * then centres it, at the zoom the author chose. A node already in view stays where it is, so
 * clicking on the canvas never moves it. No animation: the node is where the author (or a
 * pointer) looks for it at once.
 */
export function useKeepInView(
  id: string | null,
  size: { width: number; height: number } | undefined,
): void {
  const flow = useReactFlow();
  const width = useStore((s) => s.width);
  const height = useStore((s) => s.height);
  const nodeWidth = size?.width;
  const nodeHeight = size?.height;
  useEffect(() => {
    if (!id || !nodeWidth || !nodeHeight || !width || !height) return;
    const node = flow.getNode(id);
    if (!node) return;
    const { x, y, zoom } = flow.getViewport();
    const left = node.position.x * zoom + x;
    const top = node.position.y * zoom + y;
    const inView =
      left >= MARGIN &&
      top >= MARGIN &&
      left + nodeWidth * zoom <= width - MARGIN &&
      top + nodeHeight * zoom <= height - MARGIN;
    if (inView) return;
    void flow.setCenter(node.position.x + nodeWidth / 2, node.position.y + nodeHeight / 2, {
      zoom,
      duration: 0,
    });
    // Only a new selection, its first measurement or a resized canvas re-checks; a node being
    // dragged out of view by its author is left where they put it.
  }, [id, nodeWidth, nodeHeight, width, height, flow]);
}
