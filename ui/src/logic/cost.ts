// Segments and cost of one send: what the live counter and the confirmation show.

export interface SendCost {
  segmentsPerRecipient: number;
  totalSegments: number;
  costMilli: number;
}

export function sendCost(segments: number, recipients: number, pricePerSegmentMilli: number): SendCost {
  const totalSegments = segments * recipients;
  return {
    segmentsPerRecipient: segments,
    totalSegments,
    costMilli: totalSegments * pricePerSegmentMilli,
  };
}
