# A PodDisruptionBudget makes `kubectl drain` wait: evictions that would leave fewer healthy pods
# than the budget allows are refused (429) and retried every 5 seconds.
kubectl create deployment web --image=nginx --replicas=3
kubectl apply -f - <<EOF
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web-pdb
spec:
  minAvailable: 3
  selector:
    matchLabels:
      app: web
EOF
sim advance 10s
kubectl get pdb
kubectl get pods -o wide
kubectl drain worker-1 --timeout=12s
# Allow one pod of the three to be unavailable: the drain goes through.
kubectl apply -f - <<EOF
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web-pdb
spec:
  maxUnavailable: 1
  selector:
    matchLabels:
      app: web
EOF
kubectl get pdb
kubectl drain worker-1
# The replacement pod starts on another node and the budget is whole again.
sim advance 10s
kubectl describe pdb web-pdb
